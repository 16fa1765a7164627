namespace RancherHaproxy.Tls;

/// <summary>
/// A self-signed certificate the TLS frontend serves while no real one is known (ENABLE_SSL with
/// neither a mounted HAPROXY_SSL_CERT, nor ssl_cert/ssl_key in service metadata yet, nor a PEM in
/// HAPROXY_SSL_CERT_DIR): HAProxy cannot bind TLS without a certificate, and HAProxy must start before
/// metadata answers. It secures nothing: its key is public, in this file. Clients see an untrusted
/// certificate named "rancher-haproxy placeholder", and the daemon logs a warning while it is used.
/// </summary>
internal static class PlaceholderCertificate
{
    public const string FileName = "placeholder.pem";

    public const string Pem = """
-----BEGIN CERTIFICATE-----
MIIBojCCAUmgAwIBAgIULDrxNI5CU1/qks9rIil1PL8AwrYwCgYIKoZIzj0EAwIw
JjEkMCIGA1UEAwwbcmFuY2hlci1oYXByb3h5IHBsYWNlaG9sZGVyMCAXDTI2MTEy
NTAzMjcyMVoYDzIxMjYxMTAxMDMyNzIxWjAmMSQwIgYDVQQDDBtyYW5jaGVyLWhh
cHJveHkgcGxhY2Vob2xkZXIwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARMK8MN
nxCk0TPOkMOeiZ8WuqojJMQWbbQ9AWe2PlN4VG8uDhbkKjAijJlRuW0pQRsfPjvq
rd8pTn3TltAjTjrco1MwUTAdBgNVHQ4EFgQUtM4yBM1pj+rc2tVdRThu5q4s310w
HwYDVR0jBBgwFoAUtM4yBM1pj+rc2tVdRThu5q4s310wDwYDVR0TAQH/BAUwAwEB
/zAKBggqhkjOPQQDAgNHADBEAiBY7NfGlzb0iMJO7DrI4ICv1gei1mwoHIjwks7A
iPjw5AIgIejUuqmS/ZLc4OWcR9DJu3zhVIXgxwQc/HjTpLtGWj4=
-----END CERTIFICATE-----
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgrNCErMI82FKbisQV
r6zykXIZZR0/MEJeGHx+gQUwDOahRANCAARMK8MNnxCk0TPOkMOeiZ8WuqojJMQW
bbQ9AWe2PlN4VG8uDhbkKjAijJlRuW0pQRsfPjvqrd8pTn3TltAjTjrc
-----END PRIVATE KEY-----

""";
}
