package nl.hvht.ketenpoort.bericht;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the message parser ({@code ketenpoort.bericht}). Every limit has a default, so the section may
 * be absent.
 *
 * @param maxBytes           largest accepted message (plain number = bytes, or e.g. {@code 1MB}, which Spring reads as 1 MiB); default 1 MiB
 * @param maxElementDepth    deepest element nesting; default 64
 * @param maxAttributes      most attributes (namespace declarations included) on one element; default 32
 * @param maxEntityExpansions most entity expansions (DOCTYPEs are refused anyway; a second line); default 100
 */
@Validated
@ConfigurationProperties("ketenpoort.bericht")
public record BerichtProperties(
        @NotNull @DefaultValue("1MB") @DataSizeUnit(DataUnit.BYTES) DataSize maxBytes,
        @Min(8) @Max(1000) @DefaultValue("64") int maxElementDepth,
        @Min(4) @Max(1000) @DefaultValue("32") int maxAttributes,
        @Min(0) @Max(100_000) @DefaultValue("100") int maxEntityExpansions) {

    private static final long MAX_BYTES_CEILING = 64L * 1024 * 1024;

    public BerichtProperties {
        if (maxBytes != null && (maxBytes.toBytes() < 1024 || maxBytes.toBytes() > MAX_BYTES_CEILING)) {
            throw new IllegalArgumentException(
                    "ketenpoort.bericht.max-bytes must be between 1KB and 64MB, was " + maxBytes.toBytes() + " bytes");
        }
    }

    /** The defaults, as bound when {@code ketenpoort.bericht} is absent. */
    public static BerichtProperties defaults() {
        return new BerichtProperties(DataSize.ofMegabytes(1), 64, 32, 100);
    }
}
