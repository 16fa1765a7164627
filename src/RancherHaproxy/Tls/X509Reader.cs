using System.Formats.Asn1;

namespace RancherHaproxy.Tls;

/// <summary>
/// Reads the subject CN, the DNS subject alternative names and notAfter of one DER certificate
/// (RFC 5280) with <see cref="AsnReader"/> alone: nothing here loads OpenSSL into the daemon, as
/// System.Security.Cryptography.X509Certificates would. The signature is not checked (HAProxy
/// serves the file; this only reports on it). Hostile bytes end in <see cref="AsnContentException"/>.
/// </summary>
internal static class X509Reader
{
    private const string CommonNameOid = "2.5.4.3";
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    // BER reads DER too, and the odd certificate that is not quite DER.
    private const AsnEncodingRules Rules = AsnEncodingRules.BER;

    private static readonly Asn1Tag VersionTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 3, isConstructed: true);
    private static readonly Asn1Tag DnsNameTag = new(TagClass.ContextSpecific, 2);

    /// <exception cref="AsnContentException">Not a certificate.</exception>
    public static X509Summary Read(ReadOnlyMemory<byte> der)
    {
        var certificate = new AsnReader(der, Rules).ReadSequence();
        var tbs = certificate.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(VersionTag))
        {
            tbs.ReadEncodedValue();
        }

        tbs.ReadEncodedValue(); // serialNumber
        tbs.ReadEncodedValue(); // signature algorithm
        tbs.ReadEncodedValue(); // issuer
        var validity = tbs.ReadSequence();
        ReadTime(validity); // notBefore
        var notAfter = ReadTime(validity);
        var subject = CommonName(tbs.ReadSequence());
        tbs.ReadEncodedValue(); // subjectPublicKeyInfo
        IReadOnlyList<string> dnsNames = [];
        while (tbs.HasData)
        {
            if (tbs.PeekTag().HasSameClassAndValue(ExtensionsTag))
            {
                dnsNames = DnsNames(tbs.ReadSequence(ExtensionsTag).ReadSequence());
            }
            else
            {
                tbs.ReadEncodedValue(); // issuerUniqueID, subjectUniqueID
            }
        }

        return new X509Summary(subject, dnsNames, notAfter);
    }

    /// <summary>Time ::= CHOICE { UTCTime (years 1950–2049), GeneralizedTime }.</summary>
    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime(twoDigitYearMax: 2049) : reader.ReadGeneralizedTime();

    /// <summary>The first CN of the Name (SEQUENCE OF SET OF {type, value}); empty without one.</summary>
    private static string CommonName(AsnReader name)
    {
        while (name.HasData)
        {
            var relativeName = name.ReadSetOf(skipSortOrderValidation: true);
            while (relativeName.HasData)
            {
                var attribute = relativeName.ReadSequence();
                var type = attribute.ReadObjectIdentifier();
                var tag = attribute.PeekTag();
                if (type == CommonNameOid && tag.TagClass == TagClass.Universal && IsCharacterString((UniversalTagNumber)tag.TagValue))
                {
                    return attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue);
                }
            }
        }

        return string.Empty;
    }

    private static bool IsCharacterString(UniversalTagNumber tag) => tag is UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString
        or UniversalTagNumber.IA5String or UniversalTagNumber.T61String or UniversalTagNumber.BMPString or UniversalTagNumber.VisibleString;

    /// <summary>Extensions ::= SEQUENCE OF {extnID, critical DEFAULT FALSE, extnValue OCTET STRING}; SAN's dNSName [2] IA5String.</summary>
    private static List<string> DnsNames(AsnReader extensions)
    {
        var names = new List<string>();
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var id = extension.ReadObjectIdentifier();
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                extension.ReadBoolean();
            }

            var value = extension.ReadOctetString();
            if (id != SubjectAlternativeNameOid)
            {
                continue;
            }

            var generalNames = new AsnReader(value, Rules).ReadSequence();
            while (generalNames.HasData)
            {
                if (generalNames.PeekTag().HasSameClassAndValue(DnsNameTag))
                {
                    names.Add(generalNames.ReadCharacterString(UniversalTagNumber.IA5String, DnsNameTag));
                }
                else
                {
                    generalNames.ReadEncodedValue();
                }
            }
        }

        return names;
    }
}
