package io.kubezap.kubectl.command;

/** How {@code status --fleet} prints its report. */
public enum FleetOutput {
    table, json
}
