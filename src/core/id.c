/*
 * Identifiers: junkan ids, Japanese local government codes
 * (全国地方公共団体コード) and corporate numbers (法人番号), with their
 * check digits.
 *
 * Source text is UTF-8.
 */
#include <string.h>

#include <junkan/core.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum_lower(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z');
}

/*
 * 1..JK_ID_MAX bytes of [a-z0-9._-], starting with a letter or digit,
 * never "..", not ending with '.'.
 */
bool jk_id_valid(const char *s)
{
    size_t n;

    if (!s || !is_alnum_lower(s[0]))
        return false;
    for (n = 0; s[n] != '\0'; n++) {
        char c = s[n];
        if (n >= JK_ID_MAX)
            return false;
        if (!is_alnum_lower(c) && c != '.' && c != '_' && c != '-')
            return false;
        if (c == '.' && s[n + 1] == '.')
            return false;
    }
    return s[n - 1] != '.';
}

/*
 * The check digit of a local government code: the first five digits
 * a..e are weighted 6, 5, 4, 3, 2; with r = sum mod 11 the check digit
 * is (11 - r) mod 10, i.e. 11 - r, except 0 when r = 1 and 1 when
 * r = 0. Reads the first five bytes of five; -1 unless all five are
 * ASCII digits.
 */
int jk_lgcode_check_digit(const char *five)
{
    int sum = 0;

    if (!five)
        return -1;
    for (int i = 0; i < 5; i++) {
        if (!is_digit(five[i]))
            return -1;
        sum += (five[i] - '0') * (6 - i);
    }
    return (11 - sum % 11) % 10;
}

/*
 * Exactly six ASCII digits, a prefecture number 01..47 in the first
 * two, and the right check digit last ("131016" for Chiyoda-ku).
 */
bool jk_lgcode_valid(const char *s)
{
    int pref;

    if (!s || strlen(s) != 6)
        return false;
    for (int i = 0; i < 6; i++) {
        if (!is_digit(s[i]))
            return false;
    }
    pref = (s[0] - '0') * 10 + (s[1] - '0');
    if (pref < 1 || pref > 47)
        return false;
    return jk_lgcode_check_digit(s) == s[5] - '0';
}

/*
 * Exactly thirteen ASCII digits whose first is the check digit of the
 * other twelve: with P_n the n-th of the twelve counted from the right
 * and Q_n = 1 for odd n, 2 for even n, the check digit is
 * 9 - (sum P_n * Q_n mod 9).
 */
bool jk_corpno_valid(const char *s)
{
    int sum = 0;

    if (!s || strlen(s) != 13)
        return false;
    for (int i = 0; i < 13; i++) {
        if (!is_digit(s[i]))
            return false;
    }
    for (int n = 1; n <= 12; n++) {
        int p = s[13 - n] - '0';
        sum += p * (n % 2 == 1 ? 1 : 2);
    }
    return s[0] - '0' == 9 - sum % 9;
}
