package io.kubezap.session.schema;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The packaged scripts as Flyway's resources: Flyway gets the build's listing instead of scanning the class path of
 * the packaged application (the quarkus-flyway extension likewise handed it a list made at build time).
 */
final class PackagedScripts implements ResourceProvider {

    private final List<LoadableResource> scripts;

    PackagedScripts(PackagedMigrations packaged, ClassLoader classLoader) {
        Location location = new Location("classpath:" + PackagedMigrations.LOCATION);
        this.scripts = packaged.scripts().stream()
                .map(name -> (LoadableResource) new ClassPathResource(location, PackagedMigrations.LOCATION + "/" + name,
                        classLoader, StandardCharsets.UTF_8))
                .toList();
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream().filter(script -> script.getRelativePath().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return scripts.stream()
                .filter(script -> script.getFilename().startsWith(prefix)
                        && Arrays.stream(suffixes).anyMatch(script.getFilename()::endsWith))
                .toList();
    }
}
