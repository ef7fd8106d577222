package com.deskpost.delivery.contacts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A contact: an address with consent tags, a member of the directory, or both.
 *
 * @param email the normalised address
 * @param memberIds directory members with this address; empty for a contact known only by its tags
 * @param locationIds locations those members belong to
 * @param jurisdictions jurisdictions of those locations, whose consent rules apply to mail about them
 * @param tags consent tags the address carries now
 */
@Schema(description = "An address with its consent tags and, for members, their locations' jurisdictions")
public record Contact(String email, List<String> memberIds, List<String> locationIds,
        @Schema(example = "[\"UK\", \"US-CA\"]") List<String> jurisdictions,
        @Schema(example = "[\"opt_in\"]") List<String> tags) {
}
