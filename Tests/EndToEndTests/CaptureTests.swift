import Foundation
import Testing

@Suite struct CaptureTests {
    let cli = CLIHarness()

    @Test func everyFieldRoundTripsThroughAddAndShow() throws {
        let longComment = String(repeating: "Комментарий 🙂 ", count: 2340)  // 65,520 bytes: just under 64 KiB
        let added = try cli.run([
            "add", "--title", "ИП Титов: выставка", "--name", "Глеб", "--second-name", "Егорович", "--last-name", "Титов",
            "--company", "ИП Титов", "--position", "Директор", "--comments", "line1\nline2\t\u{1B}[31mred",
            "--phone", "+7 (495) 123-45-67:MOBILE", "--phone", "8 800 555-35-35", "--email", "gleb@example.com:HOME",
            "--source", "WEB",
            "--field", "HONORIFIC=HNR_RU_1", "--field", "COMPANY_ID=12", "--field", "CONTACT_ID=5", "--field", "CONTACT_IDS=5,7",
            "--field", "WEB=https://example.com:WORK", "--field", "IM=@gleb:TELEGRAM", "--field", "LINK=42:USER",
            "--field", "ADDRESS=ул. Ленина, 1", "--field", "ADDRESS_2=офис 5", "--field", "ADDRESS_CITY=Москва",
            "--field", "ADDRESS_POSTAL_CODE=101000", "--field", "ADDRESS_REGION=ЦАО", "--field", "ADDRESS_PROVINCE=Московская обл.",
            "--field", "ADDRESS_COUNTRY=Россия", "--field", "ADDRESS_COUNTRY_CODE=RU", "--field", "ADDRESS_LOC_ADDR_ID=77",
            "--field", "ASSIGNED_BY_ID=3", "--field", "BIRTHDATE=1985-04-23", "--field", "CURRENCY_ID=RUB",
            "--field", "OPPORTUNITY=12500.50", "--field", "IS_MANUAL_OPPORTUNITY=Y", "--field", "OPENED=N",
            "--field", "SOURCE_DESCRIPTION=Стенд B12", "--field", "STATUS_ID=IN_PROCESS", "--field", "STATUS_DESCRIPTION=горячий",
            "--field", "UTM_SOURCE=expo", "--field", "UTM_MEDIUM=booth", "--field", "UTM_CAMPAIGN=2026", "--field", "UTM_CONTENT=badge",
            "--field", "UTM_TERM=crm", "--field", "UF_CRM_BADGE_ID=B-17", "--field", "UF_CRM_NOTES=" + longComment,
            "--field", "REGISTER_SONET_EVENT=Y", "--json",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["id"] as? Int)
        let shown = try #require(try cli.json(["show", String(id), "--json"]) as? [String: Any])
        let fields = try #require(shown["fields"] as? [String: Any])
        let expected: [String: String] = [
            "TITLE": "ИП Титов: выставка", "NAME": "Глеб", "SECOND_NAME": "Егорович", "LAST_NAME": "Титов", "COMPANY_TITLE": "ИП Титов",
            "POST": "Директор", "COMMENTS": "line1\nline2\t\u{1B}[31mred", "SOURCE_ID": "WEB", "HONORIFIC": "HNR_RU_1", "COMPANY_ID": "12",
            "CONTACT_ID": "5", "ADDRESS": "ул. Ленина, 1", "ADDRESS_2": "офис 5", "ADDRESS_CITY": "Москва", "ADDRESS_POSTAL_CODE": "101000",
            "ADDRESS_REGION": "ЦАО", "ADDRESS_PROVINCE": "Московская обл.", "ADDRESS_COUNTRY": "Россия", "ADDRESS_COUNTRY_CODE": "RU",
            "ADDRESS_LOC_ADDR_ID": "77", "ASSIGNED_BY_ID": "3", "BIRTHDATE": "1985-04-23", "CURRENCY_ID": "RUB", "OPPORTUNITY": "12500.50",
            "IS_MANUAL_OPPORTUNITY": "Y", "OPENED": "N", "SOURCE_DESCRIPTION": "Стенд B12", "STATUS_ID": "IN_PROCESS",
            "STATUS_DESCRIPTION": "горячий", "UTM_SOURCE": "expo", "UTM_MEDIUM": "booth", "UTM_CAMPAIGN": "2026", "UTM_CONTENT": "badge",
            "UTM_TERM": "crm", "UF_CRM_BADGE_ID": "B-17", "UF_CRM_NOTES": longComment,
        ]
        for (name, value) in expected {
            #expect(fields[name] as? String == value, "\(name)")
        }
        func entries(_ name: String) -> [[String: String]] { (fields[name] as? [[String: String]]) ?? [] }
        #expect(entries("PHONE") == [["VALUE": "+7 (495) 123-45-67", "VALUE_TYPE": "MOBILE"], ["VALUE": "8 800 555-35-35", "VALUE_TYPE": "WORK"]])
        #expect(entries("EMAIL") == [["VALUE": "gleb@example.com", "VALUE_TYPE": "HOME"]])
        #expect(entries("WEB") == [["VALUE": "https://example.com", "VALUE_TYPE": "WORK"]])
        #expect(entries("IM") == [["VALUE": "@gleb", "VALUE_TYPE": "TELEGRAM"]])
        #expect(entries("LINK") == [["VALUE": "42", "VALUE_TYPE": "USER"]])
        #expect(fields["CONTACT_IDS"] as? [String] == ["5", "7"])
        #expect((shown["options"] as? [String: String])?["REGISTER_SONET_EVENT"] == "Y")
        #expect(shown["state"] as? String == "pending")
        // Shown to a terminal, the escape sequence is made visible, never sent raw.
        let human = try cli.run(["show", String(id)])
        #expect(!human.stdout.contains("\u{1B}"))
        #expect(human.stdout.contains("\\e[31mred"))
    }

    @Test func aDuplicateEmailOrPhoneWarnsButSaves() throws {
        #expect(try cli.run(["add", "--name", "A", "--email", "same@example.com"]).status == 0)
        let second = try cli.run(["add", "--name", "B", "--email", "SAME@example.com", "--json"])
        #expect(second.status == 0)
        #expect(second.stderr.contains("same e-mail"))
        let json = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
        #expect((json?["duplicates"] as? [[String: Any]])?.first?["id"] as? Int == 1)
        #expect((try cli.statusCounts()["total"] as? Int) == 2)
    }

    @Test func aVCardOnStandardInputFillsTheLead() throws {
        let card = "BEGIN:VCARD\nVERSION:3.0\nN:Титов;Глеб;;;\nORG:ИП Титов\nTEL;TYPE=CELL:+7 999 000-11-22\nEMAIL:g@example.com\nEND:VCARD\n"
        let result = try cli.run(["add", "--vcard", "-", "--json"], input: card)
        #expect(result.status == 0, "\(result.stderr)")
        let list = try #require(try cli.json(["list", "--json"]) as? [[String: Any]])
        let fields = try #require(list.first?["fields"] as? [String: Any])
        #expect(fields["TITLE"] as? String == "Глеб Титов — ИП Титов")
        #expect(fields["SOURCE_ID"] as? String == "TRADE_SHOW")
    }

    @Test func fourProcessesAddingAtOnceLoseNothingAndNeverSeeBusy() throws {
        _ = try cli.run(["status"])  // create the database first, as the booth's first start would
        let script = """
            for i in $(seq 1 250); do "$LEADBOX" add --name "w$W-$i" --email "w$W-$i@example.com" >/dev/null || echo "FAILED $W $i" >&2; done
            """
        var workers: [(Process, ReadAll)] = []
        for worker in 1...4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script]
            process.environment = cli.environment.merging(["LEADBOX": CLIHarness.leadbox, "W": String(worker)]) { $1 }
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            workers.append((process, ReadAll(err.fileHandleForReading)))
        }
        for (process, err) in workers {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(err.text() == "", "no worker saw an error (SQLITE_BUSY included)")
        }
        #expect((try cli.statusCounts()["total"] as? Int) == 1000)
    }

    @Test func killDuringImportKeepsExactlyTheAcknowledgedLeads() throws {
        var csv = "NAME,LAST_NAME,EMAIL,PHONE\n"
        for i in 1...1000 { csv += "Имя \(i),Фамилия,lead\(i)@example.com,+7 999 \(String(format: "%07d", i))\n" }
        let file = cli.folder + "/leads.csv"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try cli.run(["status"])
        let (process, out, _) = try cli.start(["import", file])
        let reader = ReadAll(out.fileHandleForReading)
        // Kill it mid-import, as soon as a few chunks are acknowledged.
        _ = eventually(30) { reader.current().components(separatedBy: "imported ").count > 6 }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let acknowledged =
            reader.text().split(separator: "\n").compactMap { line -> Int? in
                guard line.hasPrefix("imported ") else { return nil }
                return Int(line.split(separator: " ")[1])
            }.max() ?? 0
        #expect(acknowledged > 0)
        let total = try #require(try cli.statusCounts()["total"] as? Int)
        // A chunk committed in the instant between COMMIT and its acknowledgement may be there too.
        #expect(total == acknowledged || total == acknowledged + 50, "acknowledged \(acknowledged), stored \(total)")
        #expect(try cli.sqlite("PRAGMA integrity_check") == "ok")
    }

    @Test func exportOpensInASpreadsheetAndImportsBack() throws {
        #expect(try cli.run(["add", "--name", "Глеб", "--company", "ИП \"Титов\", ООО", "--phone", "+7 999 1234567:MOBILE"]).status == 0)
        let export = try cli.run(["export", "--format", "csv"])
        #expect(export.stdout.hasPrefix("\u{FEFF}id,uuid,state"))
        #expect(export.stdout.contains("\"ИП \"\"Титов\"\", ООО\""))
        #expect(export.stdout.contains("\r\n"))
        let file = cli.folder + "/export.csv"
        try export.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        let list = try #require(try cli.json(["list", "--json"]) as? [[String: Any]])
        #expect(list.count == 2)
        let fields = try #require(list.first?["fields"] as? [String: Any])
        #expect(fields["COMPANY_TITLE"] as? String == "ИП \"Титов\", ООО")
        #expect((fields["PHONE"] as? [[String: String]])?.first == ["VALUE": "+7 999 1234567", "VALUE_TYPE": "MOBILE"])
        let json = try #require(try cli.json(["export", "--format", "json"]) as? [[String: Any]])
        #expect(json.count == 2)
    }

    @Test func aVCardFileWithManyCardsImportsEachOne() throws {
        let cards = (1...3).map { "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Гость \($0)\r\nEMAIL:guest\($0)@example.com\r\nEND:VCARD\r\n" }.joined()
        let file = cli.folder + "/badges.vcf"
        try cards.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try cli.run(["import", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try cli.statusCounts()["total"] as? Int) == 3)
    }
}

@Suite struct SettingsFileTests {
    let cli = CLIHarness()

    @Test func aJSONSettingsFileSetsTheEventProfile() throws {
        let path = cli.folder + "/settings.json"
        try #"{"app_id": "booth-7", "event": {"SOURCE_DESCRIPTION": "Expo 2026, стенд B12", "UTM_CAMPAIGN": "expo"}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try cli.run(["add", "--name", "Анна", "--config", path]).status == 0)
        let fields = try #require((try cli.json(["list", "--json"]) as? [[String: Any]])?.first?["fields"] as? [String: Any])
        #expect(fields["SOURCE_DESCRIPTION"] as? String == "Expo 2026, стенд B12")
        #expect(fields["UTM_CAMPAIGN"] as? String == "expo")
        #expect(fields["SOURCE_ID"] as? String == "TRADE_SHOW")

        try #"{"event": {"OPENED": "maybe"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try cli.run(["add", "--name", "x", "--config", path])
        #expect(broken.status == 78)  // EX_CONFIG: the settings file is what to fix
        #expect(broken.stderr.contains("settings.json"))
    }

    @Test func eventDefaultsAreSetFromTheCommandLineAndNeverOverrideTypedValues() throws {
        #expect(try cli.run(["config", "set", "event.SOURCE_DESCRIPTION", "Стенд A1"]).status == 0)
        #expect(try cli.run(["config", "set", "event.SOURCE_ID", "WEB"]).status == 0)
        #expect(try cli.run(["add", "--name", "A", "--source", "CALL"]).status == 0)
        let fields = try #require((try cli.json(["list", "--json"]) as? [[String: Any]])?.first?["fields"] as? [String: Any])
        #expect(fields["SOURCE_ID"] as? String == "CALL")
        #expect(fields["SOURCE_DESCRIPTION"] as? String == "Стенд A1")
    }
}
