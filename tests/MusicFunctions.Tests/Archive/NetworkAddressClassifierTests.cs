using System.Net;
using MusicFunctions.Archive;

namespace MusicFunctions.Tests.Archive;

public class NetworkAddressClassifierTests
{
    [Theory]
    // IPv4
    [InlineData("0.0.0.0", NetworkAddressKind.Unspecified)]
    [InlineData("0.1.2.3", NetworkAddressKind.Unspecified)]
    [InlineData("127.0.0.1", NetworkAddressKind.Loopback)]
    [InlineData("127.255.255.254", NetworkAddressKind.Loopback)]
    [InlineData("10.0.0.1", NetworkAddressKind.Private)]
    [InlineData("10.255.255.255", NetworkAddressKind.Private)]
    [InlineData("172.16.0.1", NetworkAddressKind.Private)]
    [InlineData("172.31.255.255", NetworkAddressKind.Private)]
    [InlineData("192.168.1.1", NetworkAddressKind.Private)]
    [InlineData("100.64.0.1", NetworkAddressKind.CarrierGradeNat)]
    [InlineData("100.127.255.255", NetworkAddressKind.CarrierGradeNat)]
    [InlineData("169.254.0.1", NetworkAddressKind.LinkLocal)]
    [InlineData("169.254.169.254", NetworkAddressKind.CloudMetadata)]
    [InlineData("169.254.170.2", NetworkAddressKind.CloudMetadata)]
    [InlineData("168.63.129.16", NetworkAddressKind.CloudMetadata)]
    [InlineData("100.100.100.200", NetworkAddressKind.CloudMetadata)]
    [InlineData("224.0.0.1", NetworkAddressKind.Multicast)]
    [InlineData("239.255.255.250", NetworkAddressKind.Multicast)]
    [InlineData("240.0.0.1", NetworkAddressKind.Reserved)]
    [InlineData("255.255.255.255", NetworkAddressKind.Reserved)]
    [InlineData("192.0.0.8", NetworkAddressKind.Reserved)]
    [InlineData("192.0.2.1", NetworkAddressKind.Reserved)]
    [InlineData("198.18.0.1", NetworkAddressKind.Reserved)]
    // IPv6
    [InlineData("::", NetworkAddressKind.Unspecified)]
    [InlineData("::1", NetworkAddressKind.Loopback)]
    [InlineData("fe80::1", NetworkAddressKind.LinkLocal)]
    [InlineData("febf:ffff::1", NetworkAddressKind.LinkLocal)]
    [InlineData("fc00::1", NetworkAddressKind.UniqueLocal)]
    [InlineData("fd12:3456:789a::1", NetworkAddressKind.UniqueLocal)]
    [InlineData("fd00:ec2::254", NetworkAddressKind.CloudMetadata)]
    [InlineData("ff02::1", NetworkAddressKind.Multicast)]
    [InlineData("fec0::1", NetworkAddressKind.Reserved)]
    [InlineData("2001:db8::1", NetworkAddressKind.Reserved)]
    [InlineData("2001:0:4136:e378::1", NetworkAddressKind.Reserved)]
    [InlineData("64:ff9b:1::a00:1", NetworkAddressKind.Private)]
    [InlineData("::127.0.0.1", NetworkAddressKind.Reserved)]
    [InlineData("::8.8.8.8", NetworkAddressKind.Reserved)]
    // IPv6 forms that carry an IPv4 address are judged by that address.
    [InlineData("::ffff:127.0.0.1", NetworkAddressKind.Loopback)]
    [InlineData("::ffff:10.1.2.3", NetworkAddressKind.Private)]
    [InlineData("::ffff:172.20.0.1", NetworkAddressKind.Private)]
    [InlineData("::ffff:192.168.0.10", NetworkAddressKind.Private)]
    [InlineData("::ffff:100.64.1.1", NetworkAddressKind.CarrierGradeNat)]
    [InlineData("::ffff:169.254.1.1", NetworkAddressKind.LinkLocal)]
    [InlineData("::ffff:169.254.169.254", NetworkAddressKind.CloudMetadata)]
    [InlineData("::ffff:0.0.0.0", NetworkAddressKind.Unspecified)]
    [InlineData("::ffff:224.0.0.1", NetworkAddressKind.Multicast)]
    [InlineData("::ffff:0:10.0.0.1", NetworkAddressKind.Private)]
    [InlineData("64:ff9b::7f00:1", NetworkAddressKind.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", NetworkAddressKind.CloudMetadata)]
    [InlineData("2002:c0a8:0101::1", NetworkAddressKind.Private)]
    [InlineData("2002:7f00:0001::1", NetworkAddressKind.Loopback)]
    public void Classify_NonPublicAddress_NamesItsRange(string address, NetworkAddressKind expected) =>
        NetworkAddressClassifier.Classify(IPAddress.Parse(address)).Should().Be(expected);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("104.16.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700::6810:101")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:0808:0808::1")]
    public void Classify_PublicAddress_IsPublic(string address) =>
        NetworkAddressClassifier.Classify(IPAddress.Parse(address)).Should().Be(NetworkAddressKind.Public);

    [Fact]
    public void EmbeddedIPv4_MappedAddress_ReturnsTheIPv4Address() =>
        NetworkAddressClassifier.EmbeddedIPv4(IPAddress.Parse("::ffff:192.168.7.9")).Should().Be(IPAddress.Parse("192.168.7.9"));

    [Fact]
    public void EmbeddedIPv4_PlainIPv6_ReturnsNull() =>
        NetworkAddressClassifier.EmbeddedIPv4(IPAddress.Parse("2606:4700::1")).Should().BeNull();
}
