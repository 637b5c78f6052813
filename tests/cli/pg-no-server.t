# a PostgreSQL URI with no server behind it: a clear store error (exit
# 1), the password of the URI never repeated
### command
"$JUNKAN" --db "postgres://junkan:secret@127.0.0.1:1/city" show summary; echo "exit $?"; JUNKAN_DB=postgresql://junkan@127.0.0.1:1/city "$JUNKAN" init; echo "exit $?"
### stdout
exit 1
exit 1
### stderr
junkan: postgres://junkan:***@127.0.0.1:1/city: cannot connect to PostgreSQL: connection to server at "127.0.0.1", port 1 failed: Connection refused
junkan: postgresql://junkan@127.0.0.1:1/city: cannot connect to PostgreSQL: connection to server at "127.0.0.1", port 1 failed: Connection refused
### exit
0
