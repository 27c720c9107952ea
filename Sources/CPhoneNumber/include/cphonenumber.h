#ifndef CPHONENUMBER_H
#define CPHONENUMBER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What cphone_to_e164 did.
typedef enum {
    CPHONE_OK = 0,
    CPHONE_NOT_A_NUMBER = 1,
    CPHONE_INVALID = 2,
    CPHONE_BUFFER_TOO_SMALL = 3
} cphone_result;

/// Parses `text` as a phone number, dialled from `default_region` (an ISO 3166 code such as
/// "FR") when it has no country code, and writes its E.164 form ("+33600000001") to `out`.
/// Numbers that parse but are not valid for their region give CPHONE_INVALID.
cphone_result cphone_to_e164(const char *text, const char *default_region, char *out, size_t capacity);

/// Whether `region` (an ISO 3166 code such as "FR") is a region libphonenumber knows.
int cphone_is_supported_region(const char *region);

#ifdef __cplusplus
}
#endif

#endif
