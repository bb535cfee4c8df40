package io.kubezap.session.testing;


import io.kubezap.session.sink.BrokerProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible server on loopback for the tests: S3Proxy (Maven Central) over a directory, run as a child
 * process, with AWS Signature V4 and one access key pair. One per test class.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "kubezap-test";
    public static final String SECRET_KEY = "kubezap-test-secret";

    private final BrokerProcess process;
    private final URI endpoint;

    private S3Server(BrokerProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static S3Server start(Path workDir) throws IOException, InterruptedException {
        String jar = System.getProperty("testing.s3proxyJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy's jar is missing (testing.s3proxyJar=" + jar
                    + "); Maven's process-test-resources copies it into target/s3proxy");
        }
        int port = PodProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path data = Files.createDirectories(workDir.resolve("s3-data"));
        Path properties = Files.writeString(workDir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data));
        BrokerProcess process = new BrokerProcess("s3proxy", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar,
                "--properties", properties.toString()), Map.of(), port, workDir.resolve("s3proxy.log"));
        process.start();
        return new S3Server(process, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of the server as the tests look into it (not the pod's). */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
