package io.kubezap.session.autoreply;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * How many instances of a class are alive in this JVM, read from its class histogram (the diagnostic command
 * {@code GC.class_histogram}, which collects the whole heap first): what is reachable, not what a collection has yet
 * to reclaim.
 */
final class LiveInstances {

    private LiveInstances() {
    }

    static long of(Class<?> type) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        for (String line : histogram.split("\n")) {
            // "  12:   101   4848  io.kubezap.session.message.Message (…)": rank, instances, bytes, class name
            String[] columns = line.strip().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(type.getName())) {
                return Long.parseLong(columns[1]);
            }
        }
        return 0;
    }
}
