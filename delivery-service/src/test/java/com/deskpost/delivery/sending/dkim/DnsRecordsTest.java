package com.deskpost.delivery.sending.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsRecordsTest {

    @Test
    void aSenderDomainPublishesItsKeyInTxtStringsOfAtMost255CharactersAndADmarcPolicy() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();

        List<DnsRecords.Record> records = DnsRecords.senderDomain("example.com", "dev", key, "dmarc@example.com");

        DnsRecords.Record dkim = records.get(0);
        assertThat(dkim.name()).isEqualTo("dev._domainkey.example.com");
        assertThat(dkim.type()).isEqualTo("TXT");
        List<String> strings = List.of(dkim.value().split("\" \""));
        assertThat(strings).hasSizeGreaterThan(1).allMatch(s -> s.replace("\"", "").length() <= 255);
        String joined = dkim.value().replace("\" \"", "").replace("\"", "");
        assertThat(joined).startsWith("v=DKIM1; k=rsa; p=")
                .endsWith(Base64.getEncoder().encodeToString(key.getEncoded()));
        assertThat(records.get(1).zoneLine())
                .isEqualTo("_dmarc.example.com. TXT \"v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:dmarc@example.com\"");
    }

    @Test
    void theBounceDomainNamesTheRelayInSpfAndTheInboundListenerAsMx() {
        List<DnsRecords.Record> records = DnsRecords.bounceDomain("bounce.example.com", "relay.example.com",
                "mx.example.com");

        assertThat(records).extracting(DnsRecords.Record::zoneLine).containsExactly(
                "bounce.example.com. TXT \"v=spf1 a:relay.example.com -all\"",
                "bounce.example.com. MX 10 mx.example.com.");
    }
}
