package org.stepcalls.volunteers;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/** The towns and districts matching works with; coordinators and admins keep them. */
@ApplicationScoped
@Transactional
public class AreaList {

    private final Permissions permissions;
    private final ListNames names;

    AreaList(Permissions permissions, ListNames names) {
        this.permissions = permissions;
        this.names = names;
    }

    public List<Area> all() {
        return Area.list("order by name");
    }

    public Area add(Viewer viewer, AreaInput input) {
        requireManager(viewer);
        Area area = new Area();
        apply(area, input);
        area.persist();
        return area;
    }

    public Area update(Viewer viewer, long id, AreaInput input) {
        requireManager(viewer);
        Area area = existing(id);
        apply(area, input);
        return area;
    }

    public void delete(Viewer viewer, long id) {
        requireManager(viewer);
        Area area = existing(id);
        Usage usage = usage(area);
        if (usage.inUse()) {
            throw ApiException.conflict("area_in_use", area.name + " is still used by " + usage.describe() + "; move them first.");
        }
        area.delete();
    }

    /** One area, for its edit and delete pages. */
    public Area one(Viewer viewer, long id) {
        requireManager(viewer);
        return existing(id);
    }

    /** What still points at an area: a delete must not strand them. */
    public Usage usage(Area area) {
        return new Usage(Volunteer.count("select count(v) from Volunteer v join v.areasCovered a where a = ?1", area),
                Meeting.count("area", area));
    }

    public record Usage(long volunteers, long meetings) {

        public boolean inUse() {
            return volunteers + meetings > 0;
        }

        /** "2 volunteers and 1 meeting" */
        public String describe() {
            String people = volunteers == 0 ? "" : volunteers + (volunteers == 1 ? " volunteer" : " volunteers");
            String places = meetings == 0 ? "" : meetings + (meetings == 1 ? " meeting" : " meetings");
            return people.isEmpty() ? places : places.isEmpty() ? people : people + " and " + places;
        }
    }

    private void apply(Area area, AreaInput input) {
        String name = input.name() == null ? "" : input.name().strip();
        String region = input.region() == null ? "" : input.region().strip();
        if (name.isEmpty() || name.length() > 80) {
            throw ApiException.invalidField("name", "Give the area's name (up to 80 characters).");
        }
        if (region.isEmpty() || region.length() > 80) {
            throw ApiException.invalidField("region", "Give the region, such as Yorkshire (up to 80 characters).");
        }
        names.requireNoContactDetails("name", "area's name", name);
        names.requireNoContactDetails("region", "region", region);
        if (input.latitude() == null || input.latitude() < -90 || input.latitude() > 90) {
            throw ApiException.invalidField("latitude", "Latitude is a number between -90 and 90.");
        }
        if (input.longitude() == null || input.longitude() < -180 || input.longitude() > 180) {
            throw ApiException.invalidField("longitude", "Longitude is a number between -180 and 180.");
        }
        Area sameName = Area.findByName(name);
        if (sameName != null && !sameName.equals(area)) {
            throw ApiException.conflict("area_exists", "There is already an area called " + sameName.name + ".");
        }
        area.name = name;
        area.region = region;
        area.latitude = input.latitude();
        area.longitude = input.longitude();
    }

    private Area existing(long id) {
        Area area = Area.findById(id);
        if (area == null) {
            throw ApiException.notFound();
        }
        return area;
    }

    private void requireManager(Viewer viewer) {
        if (!permissions.canManageAreas(viewer)) {
            throw ApiException.forbidden("Only coordinators and admins change areas.");
        }
    }
}
