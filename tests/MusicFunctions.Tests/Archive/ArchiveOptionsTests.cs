using System.ComponentModel.DataAnnotations;
using MusicFunctions.Archive;

namespace MusicFunctions.Tests.Archive;

public class ArchiveOptionsTests
{
    private static List<ValidationResult> Validate(ArchiveOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_AreSafe()
    {
        var options = new ArchiveOptions();

        options.AllowHttp.Should().BeFalse();
        options.AllowPrivateNetworkSources.Should().BeFalse();
        options.AllowedHostList().Should().BeEmpty();
        options.MaxBytes.Should().Be(200L * 1024 * 1024);
        options.MaxRedirects.Should().Be(5);
        options.CopyMode.Should().Be(ArchiveCopyMode.Stream);
        Validate(options).Should().BeEmpty();
    }

    [Fact]
    public void AllowedHostList_CommaSeparated_IsTrimmedAndLowercased() =>
        new ArchiveOptions { AllowedHosts = " CDN1.suno.ai , *.Example.com.,," }.AllowedHostList()
            .Should().Equal("cdn1.suno.ai", "*.example.com");

    [Theory]
    [InlineData("cdn*.suno.ai")]
    [InlineData("*")]
    [InlineData("https://cdn1.suno.ai/")]
    public void Validate_MalformedAllowedHost_NamesTheSetting(string allowedHosts) =>
        Validate(new ArchiveOptions { AllowedHosts = allowedHosts })
            .Should().ContainSingle().Which.ErrorMessage.Should().Contain("Archive:AllowedHosts");

    [Fact]
    public void Validate_MaxBytesZero_NamesTheSetting() =>
        Validate(new ArchiveOptions { MaxBytes = 0 }).Should().ContainSingle().Which.ErrorMessage.Should().Contain("Archive:MaxBytes");

    [Fact]
    public void Validate_UndefinedCopyMode_NamesTheSettingAndItsValues() =>
        Validate(new ArchiveOptions { CopyMode = (ArchiveCopyMode)7 })
            .Should().ContainSingle().Which.ErrorMessage.Should().Be("Archive:CopyMode must be Stream or ServerSide.");
}
