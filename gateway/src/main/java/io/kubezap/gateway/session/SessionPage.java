package io.kubezap.gateway.session;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** One page of sessions; {@code continue} (absent on the last page) fetches the next. */
public record SessionPage(List<SessionView> items,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @com.fasterxml.jackson.annotation.JsonProperty("continue") String next) {
}
