// A C face for Google's libphonenumber (C++), so that Swift can call it without C++ interop
// spreading to every target that imports this one.
#include "cphonenumber.h"

#include <cstring>
#include <set>
#include <string>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

extern "C" cphone_result cphone_to_e164(const char *text, const char *default_region, char *out,
                                        size_t capacity) {
    if (text == nullptr || default_region == nullptr || out == nullptr) {
        return CPHONE_NOT_A_NUMBER;
    }
    // GetInstance is documented as thread-safe; the utility is immutable once built.
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(text, default_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return CPHONE_NOT_A_NUMBER;
    }
    if (!util->IsValidNumber(number)) {
        return CPHONE_INVALID;
    }
    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    if (formatted.size() + 1 > capacity) {
        return CPHONE_BUFFER_TOO_SMALL;
    }
    std::memcpy(out, formatted.c_str(), formatted.size() + 1);
    return CPHONE_OK;
}

extern "C" int cphone_is_supported_region(const char *region) {
    if (region == nullptr) {
        return 0;
    }
    std::set<std::string> regions;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.count(region) > 0 ? 1 : 0;
}
