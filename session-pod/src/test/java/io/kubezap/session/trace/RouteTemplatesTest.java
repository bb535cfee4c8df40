package io.kubezap.session.trace;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTemplatesTest {

    @Path("/api/v1/sessions/{session}/chats/")
    static class Chats {
        @GET
        public void list() {
        }

        @GET
        @Path("{jid}/messages")
        public void messages() {
        }
    }

    @Test
    void aRouteIsTheResourcesPathAndItsMethodsJoinedOnce() throws NoSuchMethodException {
        assertThat(RouteTemplates.template(Chats.class, Chats.class.getMethod("list")))
                .isEqualTo("/api/v1/sessions/{session}/chats/");
        assertThat(RouteTemplates.template(Chats.class, Chats.class.getMethod("messages")))
                .isEqualTo("/api/v1/sessions/{session}/chats/{jid}/messages");
    }
}
