// Expected screens for SnapshotTests, written by `LEADTUI_RECORD=1 swift test --filter SnapshotTests`.
// Each is the plain text of the grid, trailing spaces trimmed.

let expectedScreens: [String: String] = [
    "form80x24": #"""
     leadbox — New lead
     Phone type: MOBILE (Ctrl-T for the next one).
      Title         [Встреча на стенде 日本                                       ]
      Name          [Глеб                                                         ]
      Last name     [Титов                                                        ]
      Company       [株式会社テスト                                               ]
      Position      [                                                             ]
      Phone         [+7 999 123-45-67                      ]  type MOBILE (Ctrl-T)
      E-mail        [gleb@                                 ]  type WORK (Ctrl-T)
                    ✗ "gleb@" is not an e-mail address; it should look like
                    name@example.com.
    ▸ Comments      [Интересуется API
                     続きはメールで é
                                                                                  ]
      Source        ◂ Выставка (TRADE_SHOW) ▸
      Стенд         [                                                             ]






     Portal paused: Portal says QUERY_LIMIT_… │ waiting 3 │ failed 1 │ sent today 12
     Ctrl-S save  Tab next  Ctrl-B scan  F6 camera  Ctrl-O outbox  F1 help
    """#,
    "formInvalid80x24": #"""
     leadbox — New lead
     Not saved: fix the problem shown below.
      Title         [Встреча на стенде 日本                                       ]
      Name          [Глеб                                                         ]
      Last name     [Титов                                                        ]
      Company       [株式会社テスト                                               ]
      Position      [                                                             ]
      Phone         [+7 999 123-45-67                      ]  type MOBILE (Ctrl-T)
    ▸ E-mail        [gleb@                                 ]  type WORK (Ctrl-T)
                    ✗ "gleb@" is not an e-mail address; it should look like
                    name@example.com.
      Comments      [Интересуется API
                     続きはメールで é
                                                                                  ]
      Source        ◂ Выставка (TRADE_SHOW) ▸
      Стенд         [                                                             ]






     Portal paused: Portal says QUERY_LIMIT_… │ waiting 3 │ failed 1 │ sent today 12
     Ctrl-T type  Ctrl-S save  Tab next  Ctrl-B scan  F6 camera  Ctrl-O outbox
    """#,
    "questions80x24": #"""
     leadbox — New lead

      Title         [Встреча на стенде 日本                                       ]
      Name          [                                                             ]
      Last name     [                                                             ]
      Company       [                                                             ]
      Position      [                                                             ]
      Phone       * [                                      ]  type WORK (Ctrl-T)
      E-mail        [                                      ]  type WORK (Ctrl-T)
      Comments      [

                                                                                  ]
      Source        ◂ Show/Exhibition (TRADE_SHOW) ▸
      Interest      (•) h hot   ( ) w warm   ( ) c cold
      Role          ( ) b Покупатель   (•) e Engineer   ( ) o other
      Products      [x] a API   [ ] c CRM   [x] m Mobile app
      Next step     [Демо 日本                                                    ]
    ▸ Consent     * May we e-mail you about our products? Вы согласны получать
                    письма?
                    ( ) y yes   ( ) n no   text version 2026-03, required

      * the portal or the event requires it
     Portal paused: Portal says QUERY_LIMIT_… │ waiting 3 │ failed 1 │ sent today 12
     y/n consent  Ctrl-S save  Tab next  Ctrl-B scan  F6 camera  Ctrl-O outbox
    """#,
    "outbox80x24": #"""
     leadbox — Outbox
     Showing: all (f)   / to search                                 1–19 of 100,000
     #       STATE       TITLE               COMPANY       AGE     PORTAL
     #104    ○ waiting   Глеб Титов — ИП Ти… ИП Титов      30s
     #103    ↑ sending   山田 太郎 — 東京商… 東京商事      5 min
     #102    ✗ failed    Анна Иванова        ООО «Ромашка» 1 h     UF_CRM_BOOTH: v…
     #101    ✓ sent      Pierre Dupont 🙂    Café Crème    1 d     ID 5521
     #100    ? checking  Ли Вэй 李伟                       2 d
     #99     – discarded test                              3 d













     Portal paused: Portal says QUERY_LIMIT_… │ waiting 3 │ failed 1 │ sent today 12
     Enter open  n note  / search  f filter  t rating  Esc form  Ctrl-R sync now
    """#,
    "detail80x24": #"""
     leadbox — Lead #102 Анна Иванова

      ✗ failed (failed)
      Portal said: ERROR_CORE: UF_CRM_BOOTH: value too long\e[2J
      Fix it with e (edit), then r (retry); or d (discard).
      Captured 2025-03-18 11:06:40
      ORIGIN_ID 5f0c6b7e-4d1a-4c52-9a57-1d2b3c4d5e6f

      Fields
        Title             Анна Иванова
        Name              Анна
        Last name         Иванова
        Company           ООО «Ромашка»
        E-mail            anna@example.ru (WORK)
        Comments          Перезвонить после выставки
                          展示会の後
        Source            TRADE_SHOW
        UF_CRM_BOOTH      BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB…

      Attempts (2)
        2025-03-18 11:06:50  unknown  timed out after 90 s
        2025-03-18 11:23:20  rejected  HTTP 400  ERROR_CORE  UF_CRM_BOOTH: value
     Portal paused: Portal says QUERY_LIMIT_… │ waiting 3 │ failed 1 │ sent today 12
     e edit  r retry  d discard  n note  Esc back  Ctrl-R sync now  ? help
    """#,
    "help80x24": #"""
     leadbox — Help

      Everywhere
        Ctrl-N / F2                 new lead (the capture form)
        Ctrl-O / F3                 outbox list
        Ctrl-R / F5                 sync now
        F1, or ? outside fields     this help
        Esc                         back / cancel
        Ctrl-Z                      suspend (fg resumes)
        Ctrl-Q / Ctrl-C             quit (what you typed is kept as a draft)

      Capture form
        Tab/Shift-Tab, Down/Up      next / previous field
        Left/Right                  move the cursor; pick the source
        Ctrl-T                      next phone or e-mail type (WORK, MOBILE…)
        text on Source              goes on into the next text field
        Enter                       next field (new line in Comments)
        Ctrl-S                      save the lead (from any field)
        Ctrl-B / F4                 scan a badge (vCard or MECARD)
        F6                          camera: read a badge's code (Esc stops)
        F7                          card photo, while the camera is on
      ↓ more: Down / PgDn
     Portal paused: Portal says QUERY_LIMIT_… │ waiting 3 │ failed 1 │ sent today 12
     Esc close help  Up/Down scroll
    """#,
    "form120x40": #"""
     leadbox — New lead
     Phone type: MOBILE (Ctrl-T for the next one).
      Title         [Встреча на стенде 日本                                                                               ]
      Name          [Глеб                                                                                                 ]
      Last name     [Титов                                                                                                ]
      Company       [株式会社テスト                                                                                       ]
      Position      [                                                                                                     ]
      Phone         [+7 999 123-45-67                                                              ]  type MOBILE (Ctrl-T)
      E-mail        [gleb@                                                                         ]  type WORK (Ctrl-T)
                    ✗ "gleb@" is not an e-mail address; it should look like name@example.com.
    ▸ Comments      [Интересуется API
                     続きはメールで é
                                                                                                                          ]
      Source        ◂ Выставка (TRADE_SHOW) ▸
      Стенд         [                                                                                                     ]























     Portal paused: Portal says QUERY_LIMIT_EXCEE… │ waiting 3 │ failed 1 │ sent today 12 │ last sent 12:03 │ next try 12:15
     Ctrl-S save  Tab next  Ctrl-B scan  F6 camera  Ctrl-O outbox  F1 help  Ctrl-R sync now  Ctrl-Q quit
    """#,
    "formInvalid120x40": #"""
     leadbox — New lead
     Not saved: fix the problem shown below.
      Title         [Встреча на стенде 日本                                                                               ]
      Name          [Глеб                                                                                                 ]
      Last name     [Титов                                                                                                ]
      Company       [株式会社テスト                                                                                       ]
      Position      [                                                                                                     ]
      Phone         [+7 999 123-45-67                                                              ]  type MOBILE (Ctrl-T)
    ▸ E-mail        [gleb@                                                                         ]  type WORK (Ctrl-T)
                    ✗ "gleb@" is not an e-mail address; it should look like name@example.com.
      Comments      [Интересуется API
                     続きはメールで é
                                                                                                                          ]
      Source        ◂ Выставка (TRADE_SHOW) ▸
      Стенд         [                                                                                                     ]























     Portal paused: Portal says QUERY_LIMIT_EXCEE… │ waiting 3 │ failed 1 │ sent today 12 │ last sent 12:03 │ next try 12:15
     Ctrl-T type  Ctrl-S save  Tab next  Ctrl-B scan  F6 camera  Ctrl-O outbox  F1 help  Ctrl-R sync now  Ctrl-Q quit
    """#,
    "questions120x40": #"""
     leadbox — New lead

      Title         [Встреча на стенде 日本                                                                               ]
      Name          [                                                                                                     ]
      Last name     [                                                                                                     ]
      Company       [                                                                                                     ]
      Position      [                                                                                                     ]
      Phone       * [                                                                              ]  type WORK (Ctrl-T)
      E-mail        [                                                                              ]  type WORK (Ctrl-T)
      Comments      [

                                                                                                                          ]
      Source        ◂ Show/Exhibition (TRADE_SHOW) ▸
      Interest      (•) h hot   ( ) w warm   ( ) c cold
      Role          ( ) b Покупатель   (•) e Engineer   ( ) o other
      Products      [x] a API   [ ] c CRM   [x] m Mobile app
      Next step     [Демо 日本                                                                                            ]
    ▸ Consent     * May we e-mail you about our products? Вы согласны получать письма?
                    ( ) y yes   ( ) n no   text version 2026-03, required

      * the portal or the event requires it

















     Portal paused: Portal says QUERY_LIMIT_EXCEE… │ waiting 3 │ failed 1 │ sent today 12 │ last sent 12:03 │ next try 12:15
     y/n consent  Ctrl-S save  Tab next  Ctrl-B scan  F6 camera  Ctrl-O outbox  F1 help  Ctrl-R sync now  Ctrl-Q quit
    """#,
    "outbox120x40": #"""
     leadbox — Outbox
     Showing: all (f)   / to search                                                                         1–35 of 100,000
     #       STATE       TITLE                        NAME              COMPANY             AGE     PORTAL
     #104    ○ waiting   Глеб Титов — ИП Титов        Глеб Титов        ИП Титов            30s
     #103    ↑ sending   山田 太郎 — 東京商事         山田 太郎         東京商事            5 min
     #102    ✗ failed    Анна Иванова                 Анна Иванова      ООО «Ромашка»       1 h     UF_CRM_BOOTH: value to…
     #101    ✓ sent      Pierre Dupont 🙂             Pierre Dupont     Café Crème          1 d     ID 5521
     #100    ? checking  Ли Вэй 李伟                  Ли Вэй                                2 d
     #99     – discarded test                                                               3 d





























     Portal paused: Portal says QUERY_LIMIT_EXCEE… │ waiting 3 │ failed 1 │ sent today 12 │ last sent 12:03 │ next try 12:15
     Enter open  n note  / search  f filter  t rating  Esc form  Ctrl-R sync now  ? help  q back
    """#,
    "detail120x40": #"""
     leadbox — Lead #102 Анна Иванова

      ✗ failed (failed)
      Portal said: ERROR_CORE: UF_CRM_BOOTH: value too long\e[2J
      Fix it with e (edit), then r (retry); or d (discard).
      Captured 2025-03-18 11:06:40
      ORIGIN_ID 5f0c6b7e-4d1a-4c52-9a57-1d2b3c4d5e6f

      Fields
        Title             Анна Иванова
        Name              Анна
        Last name         Иванова
        Company           ООО «Ромашка»
        E-mail            anna@example.ru (WORK)
        Comments          Перезвонить после выставки
                          展示会の後
        Source            TRADE_SHOW
        UF_CRM_BOOTH      BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB…

      Attempts (2)
        2025-03-18 11:06:50  unknown  timed out after 90 s
        2025-03-18 11:23:20  rejected  HTTP 400  ERROR_CORE  UF_CRM_BOOTH: value too long
















     Portal paused: Portal says QUERY_LIMIT_EXCEE… │ waiting 3 │ failed 1 │ sent today 12 │ last sent 12:03 │ next try 12:15
     e edit  r retry  d discard  n note  Esc back  Ctrl-R sync now  ? help
    """#,
    "help120x40": #"""
     leadbox — Help

      Everywhere
        Ctrl-N / F2                 new lead (the capture form)
        Ctrl-O / F3                 outbox list
        Ctrl-R / F5                 sync now
        F1, or ? outside fields     this help
        Esc                         back / cancel
        Ctrl-Z                      suspend (fg resumes)
        Ctrl-Q / Ctrl-C             quit (what you typed is kept as a draft)

      Capture form
        Tab/Shift-Tab, Down/Up      next / previous field
        Left/Right                  move the cursor; pick the source
        Ctrl-T                      next phone or e-mail type (WORK, MOBILE…)
        text on Source              goes on into the next text field
        Enter                       next field (new line in Comments)
        Ctrl-S                      save the lead (from any field)
        Ctrl-B / F4                 scan a badge (vCard or MECARD)
        F6                          camera: read a badge's code (Esc stops)
        F7                          card photo, while the camera is on
        Ctrl-X                      clear the form (asks first); cancel an edit
        a choice's key              answer a question (toggles in multiple choice)
        y / n                       the visitor's consent, on the consent line
        Backspace                   clear a question's answer or the consent

      Outbox list
        Up/Down PgUp/PgDn Home/End  move
        Enter                       open the lead
        /                           search title, name, company (Enter keeps, Esc drops)
        f                           filter by state (cycles)
        t                           filter by rating: hot, warm, cold, all (cycles)
        n                           quick note on the selected lead (Enter saves, Esc drops)

      Lead detail
        e                           edit (waiting or failed leads)
        r                           retry (failed lead, refused photo or note)
      ↓ more: Down / PgDn
     Portal paused: Portal says QUERY_LIMIT_EXCEE… │ waiting 3 │ failed 1 │ sent today 12 │ last sent 12:03 │ next try 12:15
     Esc close help  Up/Down scroll
    """#,
    "confirmDiscard80x24": #"""
     leadbox — Lead #102 Анна Иванова

      ✗ failed (failed)
      Portal said: ERROR_CORE: UF_CRM_BOOTH: value too long\e[2J
      Fix it with e (edit), then r (retry); or d (discard).
      Captured 2025-03-18 11:06:40
      ORIGIN_ID 5f0c6b7e-4d1a-4c52-9a57-1d2b3c4d5e6f

      Fields
        Title         ┌──────────────────────────────────────────┐
        Name          │ Discard lead #102 Анна Иванова?          │
        Last name     │ It will never be sent to the portal.     │
        Company       │ y  discard      n  keep it               │
        E-mail        └──────────────────────────────────────────┘
        Comments          Перезвонить после выставки
                          展示会の後
        Source            TRADE_SHOW
        UF_CRM_BOOTH      BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB…

      Attempts (2)
        2025-03-18 11:06:50  unknown  timed out after 90 s
        2025-03-18 11:23:20  rejected  HTTP 400  ERROR_CORE  UF_CRM_BOOTH: value
     Portal paused: Portal says QUERY_LIMIT_… │ waiting 3 │ failed 1 │ sent today 12
     y yes  n no
    """#,
    "outboxASCII80x24": #"""
     leadbox - Outbox
     Showing: all (f)   / to search                                 1-19 of 100,000
     #       STATE       TITLE               COMPANY       AGE     PORTAL
     #104    . waiting   Глеб Титов — ИП Ти~ ИП Титов      30s
     #103    > sending   山田 太郎 — 東京商~ 東京商事      5 min
     #102    ! failed    Анна Иванова        ООО «Ромашка» 1 h     UF_CRM_BOOTH: v~
     #101    + sent      Pierre Dupont 🙂    Café Crème    1 d     ID 5521
     #100    ? checking  Ли Вэй 李伟                       2 d
     #99     - discarded test                              3 d













     Portal paused: Portal says QUERY_LIMIT_~ | waiting 3 | failed 1 | sent today 12
     Enter open  n note  / search  f filter  t rating  Esc form  Ctrl-R sync now
    """#,
    "tooSmall60x20": #"""








                      Window too small: 60×20.
       leadbox needs at least 80×24; make the window larger.
               Ctrl-Q quits; what you typed is kept.









    """#,
]
