package io.stateside.samples.userprofile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Empty;
import io.stateside.javasupport.Metadata;
import io.stateside.javasupport.ValueEffect;
import io.stateside.javasupport.ValueEntityTestKit;
import io.stateside.samples.userprofile.api.ChangeEmailRequest;
import io.stateside.samples.userprofile.api.ChangeNameRequest;
import io.stateside.samples.userprofile.api.DeleteProfileRequest;
import io.stateside.samples.userprofile.api.GetProfileRequest;
import io.stateside.samples.userprofile.api.Profile;
import io.stateside.samples.userprofile.domain.ProfileState;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The profile's command handlers, run with the test kit: no proxy, no server. */
class UserProfileEntityTest {

  private static ValueEntityTestKit<ProfileState> profileOf(String user) {
    return ValueEntityTestKit.of(UserProfileEntity.definition(), user);
  }

  private static ChangeNameRequest name(String name) {
    return ChangeNameRequest.newBuilder().setName(name).build();
  }

  private static ChangeEmailRequest email(String email) {
    return ChangeEmailRequest.newBuilder().setEmail(email).build();
  }

  @Test
  void aNewProfileIsEmpty() {
    assertEquals(Optional.of(Profile.getDefaultInstance()),
        profileOf("ann").handle("GetProfile", GetProfileRequest.getDefaultInstance()).reply());
  }

  @Test
  void eachChangeStoresTheWholeProfileOneRevisionLater() {
    ValueEntityTestKit<ProfileState> ann = profileOf("ann");

    ValueEntityTestKit.Result named = ann.handle("ChangeName", name("  Ann  "));
    assertEquals(Optional.of(Profile.newBuilder().setName("Ann").setRevision(1).build()), named.reply());
    assertEquals(new ValueEffect.StateChange.Updated(ProfileState.newBuilder().setName("Ann").setRevision(1).build()),
        named.stateChange());

    ann.handle("ChangeEmail", email("ann@example.com"));
    assertEquals(ProfileState.newBuilder().setName("Ann").setEmail("ann@example.com").setRevision(2).build(), ann.state());
    assertEquals(ValueEffect.StateChange.UNCHANGED, ann.handle("GetProfile", GetProfileRequest.getDefaultInstance()).stateChange());
  }

  @Test
  void invalidChangesAreRefusedAndStoreNothing() {
    ValueEntityTestKit<ProfileState> bob = profileOf("bob");
    bob.handle("ChangeName", name("Bob"));

    ValueEntityTestKit.Result blank = bob.handle("ChangeName", name("   "));
    assertEquals(Optional.of("A name must not be blank."), blank.failure());
    assertEquals(ValueEffect.StateChange.UNCHANGED, blank.stateChange());
    assertEquals(Optional.of("'bob.example.com' is not an email address."),
        bob.handle("ChangeEmail", email("bob.example.com")).failure());

    assertEquals(ProfileState.newBuilder().setName("Bob").setRevision(1).build(), bob.state());
  }

  @Test
  void whoMadeAChangeComesFromTheRequestMetadata() {
    ValueEntityTestKit<ProfileState> carol = profileOf("carol");

    carol.handle("ChangeName", name("Carol"), Metadata.of(Map.of(UserProfileEntity.CHANGED_BY, "support-desk")));

    assertEquals("support-desk", carol.state().getLastChangedBy());
  }

  @Test
  void aDeletedProfileStartsAgainFromEmpty() {
    ValueEntityTestKit<ProfileState> dave = ValueEntityTestKit.of(UserProfileEntity.definition(), "dave",
        ProfileState.newBuilder().setName("Dave").setRevision(7).build());
    assertEquals(Optional.of(Profile.newBuilder().setName("Dave").setRevision(7).build()),
        dave.handle("GetProfile", GetProfileRequest.getDefaultInstance()).reply());

    ValueEntityTestKit.Result deleted = dave.handle("DeleteProfile", DeleteProfileRequest.getDefaultInstance());
    assertEquals(ValueEffect.StateChange.DELETED, deleted.stateChange());
    assertEquals(Optional.of(Empty.getDefaultInstance()), deleted.reply());

    assertEquals(Optional.of(Profile.newBuilder().setName("Dave again").setRevision(1).build()),
        dave.handle("ChangeName", name("Dave again")).reply());
  }
}
