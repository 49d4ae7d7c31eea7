package com.facegate.cloud.access.factors;

import com.facegate.cloud.CloudEnv;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Opens sealed PINs with a KMS asymmetric key (key spec RSA_2048, usage ENCRYPT_DECRYPT): the private half never
 * leaves KMS, and the key policy grants {@code kms:Decrypt} to the access function's role alone. Doors seal with
 * the key's public half ({@code kms:GetPublicKey}, fetched once at provisioning) exactly as with a local key, since
 * KMS's {@code RSAES_OAEP_SHA_256} is OAEP with SHA-256 and MGF1-SHA-256, the padding of {@code PinSeal}.
 */
public final class KmsPinOpener implements PinOpener {
    /** Makes the KMS opener for a key id (a seam: the handler builds a real client, a test its own endpoint's). */
    @FunctionalInterface
    public interface Factory {
        PinOpener create(String keyId);
    }

    private final KmsClient kms;
    private final String keyId;

    public KmsPinOpener(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    /** A client in the handler's region, as the other clients are built. */
    public static Factory fromEnv(Map<String, String> env) {
        return keyId -> new KmsPinOpener(KmsClient.builder()
                .region(Region.of(env.getOrDefault(CloudEnv.AWS_REGION.variable(),
                        env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"))))
                .httpClient(UrlConnectionHttpClient.create()).build(), keyId);
    }

    @Override
    public byte[] open(byte[] sealed) {
        try {
            return kms.decrypt(b -> b.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(sealed))
                    .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).plaintext().asByteArray();
        } catch (InvalidCiphertextException e) {
            throw new BadSealException("sealed PIN does not open with the cloud's KMS key");
        } catch (SdkException e) {
            // Fail secure: no PIN can be checked while KMS is unreachable or refuses.
            throw new BadSealException("the cloud's KMS key is unavailable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
