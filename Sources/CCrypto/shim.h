#ifndef MERIT_CCRYPTO_SHIM_H
#define MERIT_CCRYPTO_SHIM_H
// The system OpenSSL libcrypto (pkg-config libcrypto, Debian libssl-dev): SHA-256 of imported files,
// with the CPU's SHA instructions where it has them.
#include <openssl/evp.h>
#endif
