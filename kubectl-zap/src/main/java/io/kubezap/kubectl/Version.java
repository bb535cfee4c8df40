package io.kubezap.kubectl;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest. */
public class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = KubectlZap.class.getPackage().getImplementationVersion();
        return new String[] {"kubectl-zap " + (version == null ? "(development build)" : version)};
    }
}
