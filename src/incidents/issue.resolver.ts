import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';

import { seesExactPoints } from '../auth/caller';
import { IllegalStatusChangeError, InvalidCoordinatesError, NotFoundError, UnknownCategoryError } from '../errors';
import { assertLonLat } from '../geo/geojson';
import { swapHint } from '../geography/swap-hint';
import type { HubContext } from '../graphql/context';

import { IncidentsService } from './incidents.service';
import { Incident, IssueStatus, ReportIssueInput } from './incidents.types';
import { checkIncidentId, checkNote, checkReport } from './report-input';

/** Kinds of category a resident or officer may report through reportIssue. */
export const REPORTABLE_KINDS = ['street_scene', 'enforcement', 'fire'];

/** The workflow: where each status may go next. */
export const NEXT_STATUS: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
  [IssueStatus.OPEN]: [IssueStatus.IN_PROGRESS, IssueStatus.RESOLVED, IssueStatus.CLOSED],
  [IssueStatus.IN_PROGRESS]: [IssueStatus.RESOLVED, IssueStatus.CLOSED],
  [IssueStatus.RESOLVED]: [IssueStatus.OPEN, IssueStatus.CLOSED],
  [IssueStatus.CLOSED]: [],
};

@Resolver(() => Incident)
export class IssueResolver {
  @Mutation(() => Incident, {
    description:
      'Records a street-scene problem (officers); it starts open, recorded as made by the caller. Writes nothing on bad input.',
  })
  async reportIssue(
    @Arg('input', () => ReportIssueInput) input: ReportIssueInput,
    @Ctx() { transact, incidents, geography, caller }: HubContext,
  ): Promise<Incident> {
    assertLonLat(input.lon, input.lat);
    const category = await incidents.category(input.category);
    if (!category || !REPORTABLE_KINDS.includes(category.kind)) {
      throw new UnknownCategoryError(
        [input.category.slice(0, 64)],
        'reportIssue takes a street-scene, enforcement or fire category from the categories query',
      );
    }
    const checked = checkReport(input, new Date());
    const id = await transact((db) =>
      new IncidentsService(db).insertReport({
        category: input.category,
        lon: input.lon,
        lat: input.lat,
        ...checked,
        source: 'council-report',
        recordedBy: caller.identity,
      }),
    );
    if (!id) {
      const hint = await swapHint(geography, input.lon, input.lat);
      throw new InvalidCoordinatesError(
        `the point (lon ${input.lon}, lat ${input.lat}) is outside the city; report issues within its wards${hint}`,
      );
    }
    return (await incidents.byId([id], seesExactPoints(caller)))[0] as Incident;
  }

  @Mutation(() => Incident, {
    description:
      'Moves a street-scene report along open → in progress → resolved or closed (officers), recording who did it.',
  })
  async updateIssueStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => IssueStatus) status: IssueStatus,
    @Arg('note', () => String, { nullable: true, description: 'At most 1,000 characters.' }) note: string | null,
    @Ctx() { transact, incidents, caller }: HubContext,
  ): Promise<Incident> {
    checkIncidentId(id);
    const checkedNote = checkNote(note);
    await transact(async (db) => {
      const service = new IncidentsService(db);
      const current = await service.lockStatus(id);
      if (!current) {
        throw new NotFoundError(`No incident with id "${id}"`);
      }
      if (current.status === null) {
        throw new IllegalStatusChangeError(`incident ${id} is not a street-scene report and has no workflow status`);
      }
      const allowed = NEXT_STATUS[current.status as IssueStatus];
      if (!allowed.includes(status)) {
        throw new IllegalStatusChangeError(
          `incident ${id} is ${current.status}; it can move to ${allowed.length ? allowed.join(' or ') : 'nothing (closed is final)'}, not ${status}`,
        );
      }
      await service.setStatus(id, current.status, status, checkedNote, new Date(), caller.identity);
    });
    return (await incidents.byId([id], seesExactPoints(caller)))[0] as Incident;
  }
}
