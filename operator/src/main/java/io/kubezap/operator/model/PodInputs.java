package io.kubezap.operator.model;

/**
 * What the pod template carries besides the spec: digests of the Secret values the pod reads at start, so that a
 * change of any of them rolls the pod.
 *
 * @param databaseDigest digest of the session's database Secret copy (see {@code workflow.DatabaseSecretDependent})
 * @param secretsDigest  digest of the API key and the webhook signing secrets (see {@code workflow.ReferencedSecrets})
 */
public record PodInputs(String databaseDigest, String secretsDigest) {
}
