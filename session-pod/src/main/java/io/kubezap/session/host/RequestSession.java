package io.kubezap.session.host;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The session an HTTP request names, kept in the request's own Vert.x context (a duplicated context, which follows the
 * request from the event loop to a worker thread and is never shared with another request).
 */
public final class RequestSession {

    private static final String KEY = "kubezap.session";

    private RequestSession() {
    }

    public static void name(String session) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(KEY, session);
        }
    }

    static String named() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) ? context.getLocal(KEY) : null;
    }
}
