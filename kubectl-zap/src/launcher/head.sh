#!/bin/sh
# kubectl zap: a kubectl plugin for kubezap's WhatsApp sessions. Copy this one file into a directory on the PATH.
# What follows: kubezap's JDK finder (the repository's .mvn/find-jdk.sh, as built), then the launch; after the launch
# line this file is the plugin's jar, which the JVM reads from the end.
