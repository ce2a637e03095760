// PCRE2's API is generic over code-unit width through macros Swift cannot import;
// fixing the width here exposes the 8-bit functions (pcre2_compile_8, ...) directly.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
