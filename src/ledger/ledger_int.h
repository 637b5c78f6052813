/*
 * The ledger internal header, shared between the files of src/ledger.
 */
#ifndef JK_LEDGER_INT_H
#define JK_LEDGER_INT_H

#include <jansson.h>

#include <junkan/ledger.h>

/* Route jansson's allocations through the jk allocator. */
void lg_json_init(void);
/* Hex of n bytes into out (2n+1 bytes). */
void lg_hex(const uint8_t *b, size_t n, char *out);
/* Parse exactly n bytes of hex; JK_OK or JK_EPARSE. */
int lg_unhex(const char *s, uint8_t *b, size_t n);
/* Standard base64 of 32 bytes into out (45 bytes). */
void lg_b64(const uint8_t *b, size_t n, char *out, size_t cap);
/* Decode standard base64 to exactly n bytes; JK_OK or JK_EPARSE. */
int lg_unb64(const char *s, uint8_t *b, size_t n);
/* Decode standard base64 of 1 to n bytes; *got gets the length. */
int lg_unb64_upto(const char *s, uint8_t *b, size_t n, size_t *got);

#endif
