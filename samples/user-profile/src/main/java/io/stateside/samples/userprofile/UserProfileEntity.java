package io.stateside.samples.userprofile;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Empty;
import io.stateside.javasupport.CommandContext;
import io.stateside.javasupport.ValueEffect;
import io.stateside.javasupport.ValueEntity;
import io.stateside.samples.userprofile.api.ChangeEmailRequest;
import io.stateside.samples.userprofile.api.ChangeNameRequest;
import io.stateside.samples.userprofile.api.DeleteProfileRequest;
import io.stateside.samples.userprofile.api.GetProfileRequest;
import io.stateside.samples.userprofile.api.Profile;
import io.stateside.samples.userprofile.api.UserProfileApi;
import io.stateside.samples.userprofile.domain.ProfileState;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A user's profile, as a value entity: the state is one {@link ProfileState} message that the
 * proxy stores whole after each change.
 */
public final class UserProfileEntity {

  static final ServiceDescriptor SERVICE = UserProfileApi.getDescriptor().findServiceByName("UserProfileService");
  static final String PERSISTENCE_ID = "user-profile";
  static final Duration PASSIVATION = Duration.ofMinutes(2);
  /** The request header naming who made a change; kept with the profile. */
  static final String CHANGED_BY = "x-changed-by";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private UserProfileEntity() {}

  public static ValueEntity<ProfileState> definition() {
    return definition(PASSIVATION);
  }

  static ValueEntity<ProfileState> definition(Duration passivation) {
    return ValueEntity.builder(SERVICE, PERSISTENCE_ID, ProfileState.getDefaultInstance())
        .onCommand("ChangeName", ChangeNameRequest.class, Profile.class, UserProfileEntity::changeName)
        .onCommand("ChangeEmail", ChangeEmailRequest.class, Profile.class, UserProfileEntity::changeEmail)
        .onCommand("GetProfile", GetProfileRequest.class, Profile.class,
            (state, get, context) -> ValueEffect.reply(toApi(state)))
        .onCommand("DeleteProfile", DeleteProfileRequest.class, Empty.class,
            (state, delete, context) -> ValueEffect.delete().thenReply(Empty.getDefaultInstance()))
        .passivationTimeout(passivation)
        .build();
  }

  static ValueEffect<Profile> changeName(ProfileState state, ChangeNameRequest change, CommandContext context) {
    if (change.getName().isBlank()) {
      return ValueEffect.fail("A name must not be blank.");
    }
    return store(state.toBuilder().setName(change.getName().strip()), context);
  }

  static ValueEffect<Profile> changeEmail(ProfileState state, ChangeEmailRequest change, CommandContext context) {
    if (!EMAIL.matcher(change.getEmail()).matches()) {
      return ValueEffect.fail("'" + change.getEmail() + "' is not an email address.");
    }
    return store(state.toBuilder().setEmail(change.getEmail()), context);
  }

  /** Stores the changed profile, one revision later, and answers with it. */
  private static ValueEffect<Profile> store(ProfileState.Builder changed, CommandContext context) {
    ProfileState next = changed
        .setRevision(changed.getRevision() + 1)
        .setLastChangedBy(context.metadata().get(CHANGED_BY).orElse(""))
        .build();
    return ValueEffect.update(next).thenReply(toApi(next));
  }

  static Profile toApi(ProfileState state) {
    return Profile.newBuilder()
        .setName(state.getName())
        .setEmail(state.getEmail())
        .setRevision(state.getRevision())
        .build();
  }
}
