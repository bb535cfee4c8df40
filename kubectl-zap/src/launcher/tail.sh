
exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$0" "$@"
exit 1
