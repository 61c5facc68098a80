/* CHeif is declarations only (include/CHeif.h): libheif itself is opened at run time. */
#include "CHeif.h"

/* libheif returns its error struct in two registers; this layout must match heif_error's. */
_Static_assert(sizeof(struct cheif_error) == 2 * sizeof(int) + sizeof(const char *), "cheif_error must be int, int, pointer");
