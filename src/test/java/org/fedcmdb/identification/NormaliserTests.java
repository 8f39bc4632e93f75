package org.fedcmdb.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormaliserTests {

	@ParameterizedTest
	@ValueSource(strings = { "00:50:56:AA:BB:CC", "00-50-56-aa-bb-cc", "0050.56aa.bbcc", "005056AABBCC", " 00:50:56:aa:bb:cc " })
	void macNotationsAreOne(String mac) {
		assertThat(Normaliser.normalise("mac", mac)).isEqualTo("005056aabbcc");
	}

	@ParameterizedTest
	@ValueSource(strings = { "00:50:56:AA:BB", "zz:50:56:aa:bb:cc", "hello" })
	void malformedMacIsRefused(String mac) {
		assertThatThrownBy(() -> Normaliser.normalise("mac", mac)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("MAC");
	}

	@ParameterizedTest
	@CsvSource({ "DB1.Corp.Example.,db1.corp.example", "db1.corp.example,db1.corp.example", "WEB-01,web-01" })
	void hostNamesIgnoreCaseAndTrailingDot(String in, String out) {
		assertThat(Normaliser.normalise("hostname", in)).isEqualTo(out);
	}

	@ParameterizedTest
	@CsvSource({ "010.000.000.005,10.0.0.5", "2001:0DB8:0000:0000:0000:0000:0000:0001,2001:db8::1",
			"2001:db8:0:0:1:0:0:1,2001:db8::1:0:0:1", "::ffff:10.0.0.5,10.0.0.5" })
	void ipAddressesTakeCanonicalForm(String in, String out) {
		assertThat(Normaliser.normalise("ip", in)).isEqualTo(out);
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.256", "not-an-ip", "1.2.3" })
	void malformedIpIsRefused(String ip) {
		assertThatThrownBy(() -> Normaliser.normalise("ip", ip)).isInstanceOf(IllegalArgumentException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "To Be Filled By O.E.M.", "0", "None", "Not Specified", "000000", "  " })
	void placeholderSerialsIdentifyNothing(String serial) {
		assertThat(Normaliser.normalise("serial", serial)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1", "0.0.0.0", "fe80::1" })
	void loopbackAndLinkLocalIdentifyNothing(String ip) {
		assertThat(Normaliser.normalise("ip", ip)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "4211AAAA0000000000000000000000AB,4211aaaa-0000-0000-0000-0000000000ab",
			"4211aaaa-0000-0000-0000-0000000000AB,4211aaaa-0000-0000-0000-0000000000ab",
			"0123456789abcdef-0123-456789ABCDEF,01234567-89ab-cdef-0123-456789abcdef",
			" 00000000-0000-0000-0000-00000000000f ,00000000-0000-0000-0000-00000000000f" })
	void uuidsAreLowerCaseWithDashes(String in, String out) {
		assertThat(Normaliser.normalise("uuid", in)).isEqualTo(out);
	}

	@ParameterizedTest
	@ValueSource(strings = { "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
			"03000200-0400-0500-0006-000700080009" })
	void placeholderUuidsIdentifyNothing(String uuid) {
		assertThat(Normaliser.normalise("uuid", uuid)).isNull();
	}

}
