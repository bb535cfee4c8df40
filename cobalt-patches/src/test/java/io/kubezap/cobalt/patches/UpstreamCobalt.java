package io.kubezap.cobalt.patches;

import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cobalt 0.0.10 as released, beside this module's replacements: a class loader that loads every class of Cobalt's own
 * jar from that jar (the originals this module replaces among them) and everything else from the test's class path. A
 * test shows a defect on what this loads and its fix on the class the session pod runs.
 */
final class UpstreamCobalt {

    private static final ClassLoader LOADER = loader();

    private UpstreamCobalt() {
    }

    /** Cobalt's own class {@code name}, initialised. */
    static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, true, LOADER);
    }

    /** {@code type.method(arguments)} on Cobalt's own class, found by name and argument count. */
    static Object call(Object target, String method, Object... arguments) throws ReflectiveOperationException {
        var type = target instanceof Class<?> given ? given : target.getClass();
        var found = Arrays.stream(type.getMethods())
                .filter(candidate -> candidate.getName().equals(method) && accepts(candidate.getParameterTypes(), arguments))
                .findFirst().orElseThrow(() -> new NoSuchMethodException(type.getName() + "." + method));
        try {
            return found.invoke(target instanceof Class<?> ? null : target, arguments);
        } catch (InvocationTargetException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    /** A new instance of Cobalt's own {@code type}, by its public constructor that takes {@code arguments}. */
    static Object create(Class<?> type, Object... arguments) throws ReflectiveOperationException {
        var constructor = Arrays.stream(type.getConstructors())
                .filter(candidate -> accepts(candidate.getParameterTypes(), arguments))
                .findFirst().orElseThrow(() -> new NoSuchMethodException(type.getName() + ".<init>"));
        return constructor.newInstance(arguments);
    }

    private static boolean accepts(Class<?>[] parameters, Object[] arguments) {
        if (parameters.length != arguments.length) {
            return false;
        }
        for (int i = 0; i < parameters.length; i++) {
            var parameter = parameters[i].isPrimitive() ? MethodType.methodType(parameters[i]).wrap().returnType() : parameters[i];
            if (arguments[i] != null && !parameter.isInstance(arguments[i])) {
                return false;
            }
        }
        return true;
    }

    private static ClassLoader loader() {
        try {
            var cobaltJar = Path.of(Class.forName("it.auties.whatsapp.api.Whatsapp").getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return new CobaltFirst(new URL[]{cobaltJar.toUri().toURL()}, UpstreamCobalt.class.getClassLoader());
        } catch (ClassNotFoundException | URISyntaxException | IOException missing) {
            throw new IllegalStateException("Cobalt's jar is not on the test class path", missing);
        }
    }

    /** Cobalt's jar first for what it holds, the parent for the rest (the JDK, Cobalt's own dependencies). */
    private static final class CobaltFirst extends URLClassLoader {
        CobaltFirst(URL[] cobaltJar, ClassLoader parent) {
            super(cobaltJar, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                var loaded = findLoadedClass(name);
                if (loaded == null && findResource(name.replace('.', '/') + ".class") != null) {
                    loaded = findClass(name);
                }
                if (loaded == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

}
