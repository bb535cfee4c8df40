
# Java decodes its arguments in the locale's charset: in the C or POSIX locale (no LANG, as in a bare container or a
# CI runner) "Olá" would arrive as "Ol��". The arguments a UTF-8 terminal passes are read as UTF-8 there.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-C}}}" in
  C|POSIX) LC_ALL=C.UTF-8; export LC_ALL ;;
esac
# UTF-8 whatever the locale says: the QR is drawn with Unicode block characters
exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -jar "$0" "$@"
exit 1
