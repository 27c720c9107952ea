#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast-style macro that Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_config is variadic, which Swift cannot call. Memory statistics off: with them on,
// every allocation SQLite makes takes a global mutex, a twentieth of an import's time.
// Returns SQLITE_MISUSE when SQLite is already initialised, which callers may ignore.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
