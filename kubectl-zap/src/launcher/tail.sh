
# UTF-8 whatever the locale says: the QR is drawn with Unicode block characters
exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -jar "$0" "$@"
exit 1
