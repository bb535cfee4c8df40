package io.kubezap.kubectl.run;

/** The top command as its subcommands see it: what opens one run with the options the user gave. */
public interface RunOpener {

    ZapRun open();
}
