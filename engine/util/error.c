/* SPDX-License-Identifier: Apache-2.0 */
/*
 * error.c: error codes to messages and names, generated from the one X-macro table in
 * namescreen.h so that the enum and the strings can never drift apart.
 */
#include "namescreen.h"

const char *nsc_strerror(int code)
{
    switch (code) {
    case NSC_OK: return "success";
#define NSC__ERR_MSG(name, value, msg)                                                             \
    case value: return msg;
        NSC_ERRNO_MAP(NSC__ERR_MSG)
#undef NSC__ERR_MSG
    default: return "unknown error";
    }
}

const char *nsc_errname(int code)
{
    switch (code) {
    case NSC_OK: return "NSC_OK";
#define NSC__ERR_NAME(name, value, msg)                                                            \
    case value: return "NSC_" #name;
        NSC_ERRNO_MAP(NSC__ERR_NAME)
#undef NSC__ERR_NAME
    default: return "NSC_UNKNOWN";
    }
}
