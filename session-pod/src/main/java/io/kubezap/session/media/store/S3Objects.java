package io.kubezap.session.media.store;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Media files in an S3-compatible bucket, {@code <prefix><sha256>}: written whole from the checked local file (with
 * the SSE-S3 header when asked), read in ranges, handed out as pre-signed URLs. A failure of the store is an
 * {@link IOException}, as a failing volume's would be.
 */
public final class S3Objects implements MediaObjects, AutoCloseable {

    private final S3Client client;
    private final S3Presigner presigner;
    private final S3Settings settings;

    S3Objects(S3Client client, S3Presigner presigner, S3Settings settings) {
        this.client = client;
        this.presigner = presigner;
        this.settings = settings;
    }

    /** A client of the store {@code settings} name (no request is made yet). */
    public static S3Objects connect(S3Settings settings) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        var region = Region.of(settings.region());
        // no request may hang a pod thread: connecting and each read are bounded (a whole upload is not: files are large)
        var http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(30)).build();
        var client = S3Client.builder().httpClient(http).region(region)
                .credentialsProvider(credentials).forcePathStyle(settings.pathStyle())
                // S3-compatible stores do not all take the SDK's trailing checksums; MD5/ETag and our SHA-256 check suffice
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint());
            presigner.endpointOverride(settings.endpoint());
        }
        return new S3Objects(client.build(), presigner.build(), settings);
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(settings.bucket()).key(keyOf(sha256))
                .contentLength(Files.size(file));
        if (settings.serverSideEncryption()) {
            request.serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256);
        }
        call(() -> client.putObject(request.build(), RequestBody.fromFile(file)));
    }

    @Override
    public Optional<StoredObject> find(String sha256) throws IOException {
        try {
            HeadObjectResponse head = call(() -> client.headObject(b -> b.bucket(settings.bucket()).key(keyOf(sha256))));
            return Optional.of(new StoredObject(sha256, head.contentLength(), head.lastModified()));
        } catch (Missing absent) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream read(String sha256, long first, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        GetObjectRequest request = GetObjectRequest.builder().bucket(settings.bucket()).key(keyOf(sha256))
                .range("bytes=" + first + "-" + (first + length - 1)).build();
        ResponseInputStream<?> body = call(() -> client.getObject(request));
        return body;
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        if (find(sha256).isEmpty()) {
            return false;
        }
        call(() -> client.deleteObject(b -> b.bucket(settings.bucket()).key(keyOf(sha256))));
        return true;
    }

    @Override
    public List<StoredObject> list() throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        for (S3Object object : call(() -> client.listObjectsV2Paginator(b -> b.bucket(settings.bucket())
                .prefix(settings.prefix())).contents().stream().toList())) {
            String name = object.key().substring(settings.prefix().length());
            if (name.matches("[0-9a-f]{64}")) {
                objects.add(new StoredObject(name, object.size(), object.lastModified()));
            }
        }
        return objects;
    }

    @Override
    public Optional<URI> presignedUrl(String sha256, Duration expiry, String contentType, String contentDisposition) {
        var presigned = presigner.presignGetObject(b -> b.signatureDuration(expiry).getObjectRequest(get -> get
                .bucket(settings.bucket()).key(keyOf(sha256))
                .responseContentType(contentType).responseContentDisposition(contentDisposition)));
        return Optional.of(URI.create(presigned.url().toString()));
    }

    @Override
    public Path localFile(String sha256, Path scratch) throws IOException {
        Files.deleteIfExists(scratch);
        call(() -> client.getObject(b -> b.bucket(settings.bucket()).key(keyOf(sha256)), ResponseTransformer.toFile(scratch)));
        return scratch;
    }

    @Override
    public boolean copiesToLocal() {
        return true;
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }

    private String keyOf(String sha256) {
        return settings.prefix() + sha256;
    }

    /** The SDK's unchecked failures as the store's checked ones; a missing object as {@link Missing}. */
    private static <T> T call(java.util.function.Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (NoSuchKeyException absent) {
            throw new Missing(absent);
        } catch (S3Exception refused) {
            if (refused.statusCode() == 404) {
                throw new Missing(refused);
            }
            throw new IOException("the S3 store answered " + refused.statusCode() + ": "
                    + refused.awsErrorDetails().errorMessage(), refused);
        } catch (software.amazon.awssdk.core.exception.SdkException unreachable) {
            throw new IOException("the S3 store could not be reached: " + unreachable.getMessage(), unreachable);
        }
    }

    /** The object is not in the bucket. */
    static final class Missing extends java.io.FileNotFoundException {
        Missing(Exception cause) {
            super("no such object in the S3 store: " + cause.getMessage());
            initCause(cause);
        }
    }
}
