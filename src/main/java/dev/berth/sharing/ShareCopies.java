package dev.berth.sharing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.berth.images.Image;

import org.springframework.context.event.EventListener;
import org.springframework.data.relational.core.mapping.event.AfterSaveEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When an image is saved (a push, a deleted tag, new attributes), its shares' copies of its
 * figures follow, in the same transaction, so that Images From Others sorts by them.
 */
@Component
class ShareCopies {

	private final JdbcClient jdbc;

	ShareCopies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void imageSaved(AfterSaveEvent<?> event) {
		if (!(event.getEntity() instanceof Image image) || image.id() == null) {
			return;
		}
		this.jdbc.sql("""
				update image_share set image_updated_at = :updated, image_size = :size, image_tag_count = :tags
				where image_id = :image
				""")
			.param("updated", OffsetDateTime.ofInstant(image.updatedAt(), ZoneOffset.UTC))
			.param("size", image.totalSize())
			.param("tags", image.tagCount())
			.param("image", image.id())
			.update();
	}

}
