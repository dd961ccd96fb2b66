package dev.berth.images;

import java.time.Instant;

import org.springframework.data.relational.core.mapping.Table;

/** One tag of an image, as the registry last reported it. */
@Table("tag")
public record Tag(String name, String digest, long size, Instant pushedAt) {

}
