package io.kubezap.session.host;

import io.kubezap.contract.host.HostSessionFile.Entry;

import java.util.List;
import java.util.Map;

/**
 * What a host must do after reading its sessions' directory once (issue 81, record 0021): start the sessions whose
 * file appeared, restart those whose file changed, stop those whose file went; {@code refused} names the sessions whose
 * file it cannot run, each with why (a refused session that was running is stopped).
 */
public record HostSessionChanges(List<Entry> started, List<Entry> restarted, List<String> stopped,
                                 Map<String, String> refused) {

    public boolean none() {
        return started.isEmpty() && restarted.isEmpty() && stopped.isEmpty() && refused.isEmpty();
    }
}
