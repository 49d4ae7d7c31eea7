package com.facegate.cli;

import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import com.facegate.local.doors.GalleryKeys;
import com.facegate.local.doors.PinKeys;
import com.facegate.local.stack.LocalStack;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Makes a door's certificate, key and config bundle, as {@code aws iot create-keys-and-certificate} plus a thing
 * would: the CA is made on first use; the bundle names the local stack's endpoints. Works while the stack runs.
 * The bundle carries the public half of the PIN key doors seal PINs with: the stack's own ({@code <data>/pin-key.pem},
 * made here if the stack has not made it yet), or the one {@code --pin-public-key} names.
 */
@Command(name = "provision-door", mixinStandardHelpOptions = true,
        description = "Create a door certificate, key and config bundle under <data>/doors/<doorId>/.")
final class ProvisionDoorCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "door id (letters, digits, space, . _ : -)")
    String doorId;

    @Option(names = "--data", defaultValue = "data",
            description = "local stack data folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--host", defaultValue = "localhost",
            description = "host name the door uses to reach the stack (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--rotate", description = "replace an existing door's key and certificate; the old one is revoked")
    boolean rotate;

    @Option(names = "--pin-public-key", paramLabel = "FILE",
            description = "public half of the PIN key to seal PINs with: PEM (BEGIN PUBLIC KEY) or base64 DER as"
                    + " 'aws kms get-public-key --output text' prints (default: the local stack's key)")
    Path pinPublicKey;

    @Override
    public Integer call() {
        // Read first: a bad key file must not leave a half-made door behind.
        String pinKey = pinPublicKey != null ? PinKeys.publicKeyBase64(pinPublicKey)
                : PinKeys.openOrCreate(SecureFiles.privateDirectory(data).resolve(LocalStack.PIN_KEY_FILE))
                        .publicKeyBase64();
        Path dir = SecureFiles.privateDirectory(data);
        LocalCa ca = LocalCa.openOrCreate(dir.resolve("pki"));
        DoorSettings settings = new DoorSettings(host, LocalStack.DEFAULT_MQTT_PORT,
                "https://" + host + ":" + LocalStack.DEFAULT_S3_PORT, LocalStack.DEFAULT_BUCKET,
                LocalStack.DEFAULT_REGION,
                "https://" + host + ":" + LocalStack.DEFAULT_CREDENTIALS_PORT, LocalStack.DOOR_ROLE_ALIAS);
        GalleryKeys galleryKeys = new GalleryKeys(dir.resolve("doors")); // the keys the stack's gallery publisher uses
        DoorBundle bundle = new DoorProvisioner(ca, dir.resolve("doors"), () -> settings, galleryKeys::keyBase64,
                pinKey).provision(doorId, rotate);
        System.out.println("door " + doorId + (rotate ? " re-provisioned" : " provisioned") + " in "
                + bundle.directory() + " (certificate serial " + bundle.serial().toString(16) + ")");
        System.out.println("  door.crt, door.key (owner-only), ca.crt, door.properties");
        return 0;
    }
}
