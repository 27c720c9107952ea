#include <libical/ical.h>

/* Swift cannot read the thread-local icalerrno macro; these give its value and reset it. */
static inline icalerrorenum ecluse_ical_errno(void) { return icalerrno; }
static inline void ecluse_ical_clear_errno(void) { icalerror_clear_errno(); }
