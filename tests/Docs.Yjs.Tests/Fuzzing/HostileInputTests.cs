using Xunit.Abstractions;

namespace Docs.Yjs.Tests.Fuzzing;

public sealed class HostileInputTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 7_000)]
    [InlineData(2, 7_000)]
    [InlineData(3, 7_000)]
    public async Task Mutated_updates_decode_or_throw_the_documented_exception(int seed, int inputs)
    {
        var fuzzer = new UpdateFuzzer(seed);
        // A decoder that never returns must fail the test, not hang the run.
        var run = Task.Factory.StartNew(() => fuzzer.Run(inputs, slowLimit: TimeSpan.FromSeconds(1)), TaskCreationOptions.LongRunning);
        FuzzReport report;
        try
        {
            report = await run.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"a decoder hangs on input {Convert.ToHexString(fuzzer.CurrentInput)}");
            throw;
        }

        output.WriteLine($"{report.Inputs} inputs x 12 decoders: {report.Accepted} accepted, {report.Rejected} rejected, max {report.MaxAllocatedBytes} bytes allocated, slowest {report.Slowest.TotalMilliseconds:0.0} ms");
        Assert.True(report.Failures.Count == 0, string.Join("\n\n", report.Failures));
        Assert.True(report.Rejected > inputs, "the mutations should break most inputs");
        Assert.True(report.Accepted > inputs / 10, "some mutations should still decode");
    }

    [Fact]
    public void A_length_prefix_of_two_to_the_31_allocates_nothing_near_it()
    {
        // One client, 2^31 - 1 structs announced, then nothing.
        byte[] update = [0x01, 0xff, 0xff, 0xff, 0xff, 0x07, 0x01, 0x00];
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<YjsDecodingException>(() => new Doc(1).ApplyUpdate(update));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void A_forged_update_changes_nothing_in_the_document()
    {
        var doc = new Doc(1);
        doc.GetText("t").Insert(0, "kept");
        var before = doc.EncodeStateAsUpdate();
        // A valid first struct, then garbage: decoding fails before anything is integrated.
        var valid = new Doc(2);
        valid.GetText("t").Insert(0, "x");
        var forged = valid.EncodeStateAsUpdate()[..^1].Concat(new byte[] { 0x05, 0xff }).ToArray();

        Assert.Throws<YjsDecodingException>(() => doc.ApplyUpdate(forged));

        Assert.Equal(Hex.Of(before), Hex.Of(doc.EncodeStateAsUpdate()));
    }
}
