/* libpq, the PostgreSQL client library; Swift calls it directly. */
#ifndef KEYWARD_CPOSTGRES_SHIM_H
#define KEYWARD_CPOSTGRES_SHIM_H
#include <libpq-fe.h>
#endif
