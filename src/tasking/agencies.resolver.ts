import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { HubContext } from '../graphql/context';
import { IncidentCategory } from '../incidents/incidents.types';

import { createAgency, listAgencies, setCategoryOwner, toAgency } from './agencies';
import { CreateAgencyInput } from './boards.types';
import { Agency } from './tasking.types';

@Resolver()
export class AgencyResolver {
  @Query(() => [Agency], { description: 'Every agency, by name.' })
  agencies(@Ctx() ctx: HubContext): Promise<Agency[]> {
    return listAgencies(ctx);
  }

  @Mutation(() => Agency, {
    description:
      'Adds an agency, recording the authenticated caller. A code or name already taken is refused with BAD_USER_INPUT.',
  })
  createAgency(
    @Arg('input', () => CreateAgencyInput) input: CreateAgencyInput,
    @Ctx() ctx: HubContext,
  ): Promise<Agency> {
    return createAgency(ctx, input);
  }

  @Mutation(() => IncidentCategory, {
    description:
      'Gives a category to an agency (its owner) and, when targetDays is given, sets the days its reports should be put right in (null: no target; left out: unchanged).',
  })
  setCategoryOwner(
    @Arg('category', () => String, { description: 'A category slug.' }) category: string,
    @Arg('agency', () => String, { description: 'An agency code.' }) agency: string,
    @Arg('targetDays', () => Int, { nullable: true, description: '1 to 365, or null for no target.' })
    targetDays: number | null | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<IncidentCategory> {
    return setCategoryOwner(ctx, category, agency, targetDays);
  }
}

@Resolver(() => IncidentCategory)
export class CategoryAgencyResolver {
  @FieldResolver(() => Agency, { description: 'The agency that owns it (its code is `service`).' })
  async agency(@Root() category: IncidentCategory, @Ctx() { loaders }: HubContext): Promise<Agency> {
    const row = await loaders.agencyByCode.load(category.service);
    // incident_category.service is a foreign key to agency: there is always one.
    return toAgency(row as NonNullable<typeof row>);
  }
}
