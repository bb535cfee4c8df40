package io.kubezap.session.host.scope;

import jakarta.enterprise.context.NormalScope;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One instance per session the JVM hosts: a bean that holds a session's state. Whoever injects it gets a client proxy
 * that reaches the instance of the session {@link SessionKeys#current()} names, and none where no session is named
 * (ContextNotActiveException), never another session's.
 */
@NormalScope
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface PerSession {
}
