package com.facegate.local.aws.mqtt;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/** The door id a client certificate names: its single subject CN. */
public final class CertificateIdentity {
    private CertificateIdentity() {}

    public static Optional<String> doorId(X509Certificate cert) {
        try {
            RDN[] cns = new JcaX509CertificateHolder(cert).getSubject().getRDNs(BCStyle.CN);
            if (cns.length != 1 || cns[0].isMultiValued()) {
                return Optional.empty();
            }
            if (!(cns[0].getFirst().getValue() instanceof ASN1String value)) {
                return Optional.empty();
            }
            return Optional.of(value.getString());
        } catch (CertificateEncodingException e) {
            return Optional.empty();
        }
    }
}
