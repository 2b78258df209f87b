import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { CheckinService } from '../checkin.service';
import { GatesService } from '../gates.service';
import { VisitTalliesReader } from '../visit-tallies';
import {
  CheckinConflictDto,
  CreateDeviceDto,
  CreateGateDto,
  GateDeviceDto,
  GateDto,
  OfflineKitDto,
  OfflineUploadDto,
  OfflineUploadResultDto,
  PresenceDto,
  ScanDto,
  ScanOutcomeDto,
  VisitTalliesDto,
} from './checkin.dto';

@ApiTags('checkin')
@ApiBearerAuth()
@Controller('checkin')
export class CheckinController {
  constructor(
    private readonly checkin: CheckinService,
    private readonly gates: GatesService,
    private readonly tallies: VisitTalliesReader,
    private readonly fairs: FairsService,
  ) {}

  @Roles('organiser')
  @Post('fairs/:fair/gates')
  @ApiCreatedResponse({ type: GateDto })
  async createGate(@Param('fair') fair: string, @Body() body: CreateGateDto, @CurrentActor() actor: Actor) {
    return this.gates.createGate(actor, (await this.fairs.get(fair)).id, body);
  }

  @Roles('organiser', 'gate')
  @Get('fairs/:fair/gates')
  @ApiOkResponse({ type: [GateDto] })
  async listGates(@Param('fair') fair: string) {
    return this.gates.gates((await this.fairs.get(fair)).id);
  }

  @Roles('organiser', 'gate')
  @Get('fairs/:fair/devices')
  @ApiOkResponse({ type: [GateDeviceDto] })
  async listDevices(@Param('fair') fair: string) {
    return this.gates.listDevices((await this.fairs.get(fair)).id);
  }

  @Roles('organiser')
  @Post('gates/:gate/devices')
  @ApiCreatedResponse({ type: GateDeviceDto })
  createDevice(@Param('gate') gate: string, @Body() body: CreateDeviceDto, @CurrentActor() actor: Actor) {
    return this.gates.createDevice(actor, gate, body.name);
  }

  @Roles('gate', 'organiser')
  @Post('devices/:device/sign-in')
  @HttpCode(200)
  @ApiOkResponse({ type: GateDeviceDto })
  signIn(@Param('device') device: string, @CurrentActor() actor: Actor) {
    return this.gates.signIn(actor, device);
  }

  @Roles('gate', 'organiser')
  @Post('devices/:device/scans')
  @HttpCode(200)
  @ApiOkResponse({ type: ScanOutcomeDto })
  scan(@Param('device') device: string, @Body() body: ScanDto, @CurrentActor() actor: Actor) {
    return this.checkin.scan(actor, device, body);
  }

  @Roles('gate', 'organiser')
  @Post('devices/:device/offline-scans')
  @HttpCode(200)
  @ApiOkResponse({ type: OfflineUploadResultDto })
  uploadOffline(@Param('device') device: string, @Body() body: OfflineUploadDto, @CurrentActor() actor: Actor) {
    return this.checkin.uploadOffline(actor, device, body.scans);
  }

  @Roles('gate', 'organiser')
  @Get('fairs/:fair/offline-kit')
  @ApiOkResponse({ type: OfflineKitDto })
  async offlineKit(@Param('fair') fair: string) {
    return this.checkin.offlineKit((await this.fairs.get(fair)).id);
  }

  @Roles('organiser', 'gate')
  @Get('fairs/:fair/presence')
  @ApiOkResponse({ type: PresenceDto })
  async presence(@Param('fair') fair: string) {
    return this.checkin.presence((await this.fairs.get(fair)).id);
  }

  @Roles('organiser')
  @Get('fairs/:fair/conflicts')
  @ApiOkResponse({ type: [CheckinConflictDto] })
  async conflicts(@Param('fair') fair: string) {
    return this.checkin.conflicts((await this.fairs.get(fair)).id);
  }

  @Roles('organiser')
  @Get('fairs/:fair/tallies')
  @ApiOkResponse({ type: VisitTalliesDto })
  async visitTallies(@Param('fair') fair: string) {
    return this.tallies.read((await this.fairs.get(fair)).id);
  }
}
