package io.kubezap.session.host.scope;

import io.quarkus.arc.ContextInstanceHandle;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.impl.ContextInstanceHandleImpl;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The instances of {@link PerSession} beans, one set per session; ArC makes one of these per container. */
public class PerSessionContext implements InjectableContext {

    private static final Map<String, Instances> SESSIONS = new ConcurrentHashMap<>();

    /** One session's instances; created under its lock, since making one bean may make others of the same session. */
    private static final class Instances {
        final Map<Contextual<?>, ContextInstanceHandle<?>> byBean = new ConcurrentHashMap<>();

        void destroyAll() {
            List<ContextInstanceHandle<?>> handles = List.copyOf(byBean.values());
            byBean.clear();
            handles.forEach(ContextInstanceHandle::destroy);
        }
    }

    static void destroyed(String session) {
        Instances instances = SESSIONS.remove(session);
        if (instances != null) {
            instances.destroyAll();
        }
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return PerSession.class;
    }

    @Override
    public boolean isActive() {
        return SessionKeys.current().isPresent();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        Instances instances = current();
        ContextInstanceHandle<?> handle = instances.byBean.get(contextual);
        if (handle == null && creationalContext != null) {
            synchronized (instances) {
                handle = instances.byBean.get(contextual);
                if (handle == null) {
                    T created = contextual.create(creationalContext);
                    handle = new ContextInstanceHandleImpl<>((InjectableBean<T>) contextual, created, creationalContext);
                    instances.byBean.put(contextual, handle);
                }
            }
        }
        return handle == null ? null : (T) handle.get();
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        return get(contextual, null);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        ContextInstanceHandle<?> handle = current().byBean.remove(contextual);
        if (handle != null) {
            handle.destroy();
        }
    }

    /** The container stops: every session's instances go. */
    @Override
    public void destroy() {
        List.copyOf(SESSIONS.keySet()).forEach(PerSessionContext::destroyed);
    }

    @Override
    public ContextState getState() {
        Map<InjectableBean<?>, Object> instances = current().byBean.values().stream()
                .collect(Collectors.toUnmodifiableMap(ContextInstanceHandle::getBean, ContextInstanceHandle::get));
        return () -> instances;
    }

    private static Instances current() {
        String session = SessionKeys.current().orElseThrow(() -> new ContextNotActiveException(
                "No hosted session is named here: @PerSession beans serve the session a request, an engine callback or a"
                        + " worker names (SessionKeys)"));
        return SESSIONS.computeIfAbsent(session, ignored -> new Instances());
    }
}
