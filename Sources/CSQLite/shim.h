/* SQLite 3, plus wrappers for SQLITE_TRANSIENT, a cast Swift cannot import. */
#ifndef KEYWARD_CSQLITE_SHIM_H
#define KEYWARD_CSQLITE_SHIM_H
#include <sqlite3.h>
static inline int keyward_sqlite3_bind_blob_transient(sqlite3_stmt *s, int i, const void *p, int n) { return sqlite3_bind_blob(s, i, p, n, SQLITE_TRANSIENT); }
static inline int keyward_sqlite3_bind_text_transient(sqlite3_stmt *s, int i, const char *p, int n) { return sqlite3_bind_text(s, i, p, n, SQLITE_TRANSIENT); }
#endif
