package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.junit.jupiter.api.Test;

class SecurityLabelTest {

    @Test
    void synergiePolicyWhenParsedThenUuidArcOid() {
        ASN1ObjectIdentifier policy = new ASN1ObjectIdentifier(SecurityLabel.SYNERGIE_POLICY);

        assertThat(policy.on(new ASN1ObjectIdentifier("2.25"))).isTrue();
        assertThat(new BigInteger(SecurityLabel.SYNERGIE_POLICY.substring("2.25.".length())).bitLength())
                .isLessThanOrEqualTo(128);
    }

    @Test
    void constructWhenPolicyNotOidThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SecurityLabel("synergie", SecurityLabel.RESTRICTED, null, List.of()))
                .withMessage("security policy identifier is not an OID");
    }

    @Test
    void constructWhenClassificationOutOfRangeThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SecurityLabel(SecurityLabel.SYNERGIE_POLICY, 257, null, List.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SecurityLabel(SecurityLabel.SYNERGIE_POLICY, -1, null, List.of()));
    }

    @Test
    void constructWhenPrivacyMarkEmptyThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SecurityLabel(SecurityLabel.SYNERGIE_POLICY, SecurityLabel.SECRET, "", List.of()));
    }

    @Test
    void constructWhenMoreThan64CategoriesThenIllegalArgument() {
        List<SecurityCategory> categories = Collections.nCopies(65,
                new SecurityCategory(TestSecurityLabels.HANDLING, List.of("H0")));

        assertThatIllegalArgumentException().isThrownBy(() ->
                new SecurityLabel(SecurityLabel.SYNERGIE_POLICY, SecurityLabel.SECRET, null, categories));
    }

    @Test
    void constructWhenCategoriesChangedAfterwardsThenLabelUnchanged() {
        List<String> values = new ArrayList<>(List.of("FR-DGPN"));
        SecurityCategory category = new SecurityCategory(TestSecurityLabels.RELEASABLE_TO, values);

        values.add("DE-BKA");

        assertThat(category.values()).containsExactly("FR-DGPN");
    }

    @Test
    void constructCategoryWhenTypeNotOidThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SecurityCategory("releasableTo", List.of("FR-DGPN")))
                .withMessage("security category type is not an OID");
    }
}
